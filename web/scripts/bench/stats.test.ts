import { describe, expect, it } from 'vitest';
import { median, percentile, ratioOf, summarize } from './stats';

describe('bench statistics', () => {
  it('takes the nearest-rank percentile, so p95 of five plays is the slowest', () => {
    expect(percentile([500, 100, 300, 200, 400], 95)).toBe(500);
    expect(percentile([500, 100, 300, 200, 400], 50)).toBe(300);
    expect(
      percentile(
        Array.from({ length: 20 }, (_, i) => i + 1),
        95,
      ),
    ).toBe(19);
    expect(percentile([], 95)).toBe(0);
  });

  it('takes the median of an even sample as the mean of the middle two', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('summarizes a sample and divides by the floor', () => {
    expect(summarize([1000.04, 800, 1200])).toEqual({ samplesMs: [1000, 800, 1200], p50Ms: 1000, p95Ms: 1200 });
    expect(ratioOf(1034, 640)).toBe(1.616);
    expect(ratioOf(1000, 0)).toBe(0);
  });
});
