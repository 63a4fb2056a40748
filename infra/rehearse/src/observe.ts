import type { CountersSnapshot } from '../../local/src/cloudfront/counters';

/** The parts of the console's `GET /api/state` a rehearsal reads. */
export interface ConsoleSample {
  /** Seconds since the rehearsal started. */
  readonly t: number;
  readonly cdn: CountersSnapshot;
  readonly regions: readonly {
    readonly region: string;
    readonly running: number;
    readonly throttled: number;
    readonly reservedConcurrency: number | null;
  }[];
  /** Item copies applied to the other region: each is one item write in the serving region. */
  readonly replicated: number;
  readonly tables: readonly { readonly region: string; readonly endpoint: string }[];
}

export class ConsoleUnreachable extends Error {
  override name = 'ConsoleUnreachable';
}

export async function readConsole(consoleUrl: string, t: number, timeoutMs = 5_000): Promise<ConsoleSample> {
  let state: {
    cdn?: CountersSnapshot;
    regions?: ConsoleSample['regions'];
    replication?: { replicated?: number; tables?: ConsoleSample['tables'] };
  };
  try {
    const response = await fetch(`${consoleUrl}/api/state`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`answered ${response.status}`);
    state = (await response.json()) as typeof state;
  } catch (error) {
    throw new ConsoleUnreachable(
      `The local console at ${consoleUrl} did not answer (${error instanceof Error ? error.message : String(error)}). Start the stack with \`npm start\`, pass --console <url>, or use --start.`,
    );
  }
  if (!state.cdn)
    throw new ConsoleUnreachable(
      `The console at ${consoleUrl} has no CDN counters (cdn in /api/state): it runs an older local stack; restart it.`,
    );
  return {
    t,
    cdn: state.cdn,
    regions: state.regions ?? [],
    replicated: state.replication?.replicated ?? 0,
    tables: state.replication?.tables ?? [],
  };
}

/** Reads the console once a second until stopped; a missed read is skipped, not fatal. */
export function sampleConsole(consoleUrl: string, startedAt: number): { samples: ConsoleSample[]; stop: () => Promise<void> } {
  const samples: ConsoleSample[] = [];
  let pending: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    pending = readConsole(consoleUrl, (performance.now() - startedAt) / 1000)
      .then((s) => void samples.push(s))
      .catch(() => undefined);
  }, 1000);
  return {
    samples,
    async stop() {
      clearInterval(timer);
      await pending;
      // The closing read: a stack still digesting the spike may be slow to answer; three tries, then
      // the last read that did answer stands (the report covers up to it).
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        try {
          samples.push(await readConsole(consoleUrl, (performance.now() - startedAt) / 1000, 15_000));
          return;
        } catch (error) {
          if (attempt === 3 && samples.length === 0) throw error;
        }
      }
    },
  };
}
