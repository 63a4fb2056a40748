import { describe, expect, it } from 'vitest';
import { medianLoadOf } from './mobile-vitals';

describe('medianLoadOf', () => {
  it('takes the load whose LCP is the median, whatever the order the loads ran in', () => {
    const loads = [
      { lcpMs: 3000, run: 1 },
      { lcpMs: 1000, run: 2 },
      { lcpMs: 2000, run: 3 },
    ];
    expect(medianLoadOf(loads).run).toBe(3);
  });

  it('takes the lower middle of an even count (a load that happened, not an average)', () => {
    expect(medianLoadOf([{ lcpMs: 4 }, { lcpMs: 1 }, { lcpMs: 3 }, { lcpMs: 2 }]).lcpMs).toBe(2);
    expect(medianLoadOf([{ lcpMs: 7 }]).lcpMs).toBe(7);
  });

  it('refuses an empty list', () => {
    expect(() => medianLoadOf([])).toThrow('no loads');
  });
});
