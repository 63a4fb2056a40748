import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sleep } from '../sleep';
import { MemoryOutbox, type Delivery, type OutboxEntry, type WriteOutcome } from './outbox';

beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
afterEach(() => vi.useRealTimers());

/** An outbox whose sends answer from `script` (per entry name, in order; the last answer repeats). */
function harness(script: Record<string, Delivery[]>, sendMs = 10) {
  const sent: string[] = [];
  const settled: [string, WriteOutcome][] = [];
  const outbox = new MemoryOutbox<string>({
    send: async (entry: OutboxEntry<string>) => {
      sent.push(entry.meta);
      await sleep(sendMs);
      const answers = script[entry.meta] ?? ['acked'];
      return answers.length > 1 ? (answers.shift() ?? 'acked') : (answers[0] ?? 'acked');
    },
    settled: (entry, outcome) => settled.push([entry.meta, outcome]),
    now: Date.now,
    sleep,
    random: () => 1,
    backoff: { baseMs: 100, maxMs: 1_000 },
  });
  const done = outbox.run();
  return { outbox, sent, settled, done };
}

describe('the light viewer’s outbox (the app’s write semantics, in memory)', () => {
  it('sends a write again, with growing backoff, until a region acknowledges it', async () => {
    const { outbox, sent, settled, done } = harness({ m1: ['retry', 'retry', 'retry', 'acked'] });
    outbox.put({ key: 'e1', order: 1, meta: 'm1' });
    await vi.advanceTimersByTimeAsync(10 + 100 + 10 + 200 + 10 + 400 + 9);
    expect(sent).toEqual(['m1', 'm1', 'm1', 'm1']);
    expect(settled).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toEqual([['m1', 'acked']]);
    outbox.close(1_000);
    await done;
  });

  it('newer wins per key: a waiting save is replaced by a newer one, and an older one arriving late is dropped', async () => {
    const { outbox, sent, settled, done } = harness({ old: ['retry'] });
    outbox.put({ key: 'progress:w-1', order: 10, meta: 'old' });
    await vi.advanceTimersByTimeAsync(10); // old failed once; waiting for its retry
    outbox.put({ key: 'progress:w-1', order: 20, meta: 'new' });
    outbox.put({ key: 'progress:w-1', order: 15, meta: 'late' });
    await vi.advanceTimersByTimeAsync(10);
    expect(sent).toEqual(['old', 'new']);
    expect(settled).toEqual([
      ['old', 'superseded'],
      ['late', 'superseded'],
      ['new', 'acked'],
    ]);
    outbox.close(1_000);
    await done;
  });

  it('a save on its way when a newer one is queued settles by its own answer; the newer one is still sent', async () => {
    const { outbox, sent, settled, done } = harness({ a: ['acked'], b: ['retry'], c: ['acked'] });
    outbox.put({ key: 'progress:w-1', order: 1, meta: 'a' });
    await vi.advanceTimersByTimeAsync(5);
    outbox.put({ key: 'progress:w-1', order: 2, meta: 'b' });
    await vi.advanceTimersByTimeAsync(5 + 10 - 5);
    outbox.put({ key: 'progress:w-1', order: 3, meta: 'c' }); // b is on its way and will fail
    await vi.advanceTimersByTimeAsync(5 + 10);
    expect(sent).toEqual(['a', 'b', 'c']);
    expect(settled).toEqual([
      ['a', 'acked'],
      ['b', 'superseded'],
      ['c', 'acked'],
    ]);
    outbox.close(1_000);
    await done;
  });

  it('keys are independent; a repeated milestone (same event id) is one write; a refused write is not sent again', async () => {
    const { outbox, sent, settled, done } = harness({ bad: ['rejected'] });
    outbox.put({ key: 'p1-start', order: 1, meta: 'start' });
    outbox.put({ key: 'p1-25', order: 2, meta: 'bad' });
    outbox.put({ key: 'p1-start', order: 1, meta: 'start-again' });
    await vi.advanceTimersByTimeAsync(100);
    expect(sent).toEqual(['start-again', 'bad']);
    expect(settled).toEqual([
      ['start', 'superseded'],
      ['start-again', 'acked'],
      ['bad', 'rejected'],
    ]);
    outbox.close(1_000);
    await done;
  });

  it('the drain at the end tries waiting writes at once, and what no region took within its time is unacked', async () => {
    const { outbox, sent, settled, done } = harness({ stuck: ['retry'], late: ['retry', 'acked'] });
    outbox.put({ key: 'k1', order: 1, meta: 'stuck' });
    outbox.put({ key: 'k2', order: 1, meta: 'late' });
    await vi.advanceTimersByTimeAsync(20); // both failed once, backing off 100 ms
    outbox.close(500);
    await vi.advanceTimersByTimeAsync(20);
    expect(sent.slice(0, 4)).toEqual(['stuck', 'late', 'stuck', 'late']); // tried again at once, not after the backoff
    await vi.advanceTimersByTimeAsync(600);
    await done;
    expect(settled).toEqual([
      ['late', 'acked'],
      ['stuck', 'unacked'],
    ]);
    expect(outbox.size).toBe(0);
  });
});
