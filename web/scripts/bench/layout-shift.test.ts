import { describe, expect, it } from 'vitest';
import { cumulativeLayoutShift } from './layout-shift';

describe('cumulativeLayoutShift', () => {
  it('sums the shifts of one session window and ignores those after input', () => {
    expect(
      cumulativeLayoutShift([
        { startTime: 100, value: 0.05, hadRecentInput: false },
        { startTime: 600, value: 0.04, hadRecentInput: false },
        { startTime: 700, value: 0.5, hadRecentInput: true },
      ]),
    ).toBe(0.09);
  });

  it('takes the largest window: a gap of a second or more starts a new one', () => {
    expect(
      cumulativeLayoutShift([
        { startTime: 0, value: 0.02, hadRecentInput: false },
        { startTime: 2000, value: 0.12, hadRecentInput: false },
        { startTime: 2500, value: 0.01, hadRecentInput: false },
      ]),
    ).toBe(0.13);
    expect(cumulativeLayoutShift([])).toBe(0);
  });
});
