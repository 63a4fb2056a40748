/**
 * Timing harness for the edge benchmark. One rule for every row: a timed invocation is the call
 * plus one `await` of what it returns, whether that is the handler's promise or a baseline's plain
 * value, so a ratio between rows never counts a microtask on one side only.
 */

export type Invoke = () => unknown;

export interface Timing {
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
}

function summarize(samples: Float64Array): Timing {
  samples.sort();
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

/** µs per invocation, one sample per call, after `warmup` untimed calls. */
export async function measure(invoke: Invoke, iterations: number, warmup: number): Promise<Timing> {
  for (let i = 0; i < warmup; i += 1) await invoke();
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i += 1) {
    const start = process.hrtime.bigint();
    await invoke();
    samples[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  return summarize(samples);
}

/**
 * Like `measure`, for rows whose ratio matters: the invokes take turns in blocks, so a load swing
 * on this shared machine falls on all of them alike instead of on whichever ran during it. Each
 * keeps its own position in its inputs, so rows built over the same token list see the same
 * tokens in the same order.
 */
export async function measureInterleaved(invokes: readonly Invoke[], iterations: number, warmup: number, block = 250): Promise<Timing[]> {
  for (const invoke of invokes) for (let i = 0; i < warmup; i += 1) await invoke();
  const samples = invokes.map(() => new Float64Array(iterations));
  for (let done = 0; done < iterations; done += block) {
    const end = Math.min(iterations, done + block);
    for (const [k, invoke] of invokes.entries()) {
      const out = samples[k];
      if (!out) continue;
      for (let i = done; i < end; i += 1) {
        const start = process.hrtime.bigint();
        await invoke();
        out[i] = Number(process.hrtime.bigint() - start) / 1000;
      }
    }
  }
  return samples.map(summarize);
}

/**
 * p50 µs per call of each synchronous step, `batch` calls per sample (these steps are near the
 * timer's resolution). The steps take turns sample by sample, for the same reason as
 * `measureInterleaved`; each walks `inputs` indexes from 0 in order.
 */
export function measureSyncSteps(steps: readonly ((i: number) => unknown)[], inputs: number, samples = 4000, batch = 8): number[] {
  const out = steps.map(() => new Float64Array(samples));
  const next = steps.map(() => 0);
  const warmup = Math.ceil(samples / 10);
  for (let s = -warmup; s < samples; s += 1) {
    for (const [k, step] of steps.entries()) {
      let i = next[k] ?? 0;
      const start = process.hrtime.bigint();
      for (let n = 0; n < batch; n += 1) {
        step(i);
        i = (i + 1) % inputs;
      }
      const perCall = Number(process.hrtime.bigint() - start) / 1000 / batch;
      next[k] = i;
      const into = out[k];
      if (s >= 0 && into) into[s] = perCall;
    }
  }
  return out.map((o) => summarize(o).p50);
}

/** Cycles through `items` in order; every row built over the same list walks it the same way. */
export function cycle<T>(items: readonly T[]): () => T {
  let i = 0;
  return () => {
    const item = items[i % items.length];
    i += 1;
    if (item === undefined) throw new Error('cycle: empty list');
    return item;
  };
}
