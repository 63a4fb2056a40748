import { describe, expect, it } from 'vitest';
import { cycle, measureInterleaved, measureSyncSteps } from './bench-measure';

// What the ratio rows rely on; timings themselves are never asserted.
describe('bench harness', () => {
  it('rows built over the same list see the same items in the same order, warm-up included', async () => {
    const items = ['t0', 't1', 't2', 't3', 't4'];
    const seen: string[][] = [[], [], []];
    const invokes = seen.map((log) => {
      const next = cycle(items);
      return () => log.push(next());
    });
    const timings = await measureInterleaved(invokes, 23, 4, 5);
    expect(timings).toHaveLength(3);
    expect(seen[0]).toHaveLength(4 + 23);
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
    expect(seen[0]?.slice(0, 7)).toEqual(['t0', 't1', 't2', 't3', 't4', 't0', 't1']);
  });

  it('awaits what an invoke returns, so a row is timed to its promise settling', async () => {
    let settled = 0;
    const slow = () => new Promise<void>((resolve) => setImmediate(() => resolve(void (settled += 1))));
    await measureInterleaved([slow], 3, 1, 2);
    expect(settled).toBe(4);
  });

  it('each step of a breakdown walks the inputs from the start, in order', () => {
    const seen: number[][] = [[], []];
    const p50s = measureSyncSteps(
      seen.map((log) => (i: number) => log.push(i)),
      5,
      3,
      2,
    );
    expect(p50s).toHaveLength(2);
    // One warm-up sample and three timed ones, two calls each.
    expect(seen[0]).toEqual([0, 1, 2, 3, 4, 0, 1, 2]);
    expect(seen[1]).toEqual(seen[0]);
  });
});
