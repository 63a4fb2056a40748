/** One `layout-shift` PerformanceEntry, as much of it as CLS needs. */
export interface LayoutShift {
  readonly startTime: number;
  readonly value: number;
  readonly hadRecentInput: boolean;
}

/**
 * Cumulative layout shift as Chromium reports it (https://web.dev/articles/cls): shifts without
 * recent input, grouped in session windows (a gap under 1 s, at most 5 s long); the largest
 * window's sum.
 */
export function cumulativeLayoutShift(shifts: readonly LayoutShift[]): number {
  let best = 0;
  let current = 0;
  let windowStart = -Infinity;
  let last = -Infinity;
  for (const s of [...shifts].filter((x) => !x.hadRecentInput).sort((a, b) => a.startTime - b.startTime)) {
    if (s.startTime - last < 1000 && s.startTime - windowStart < 5000) current += s.value;
    else {
      current = s.value;
      windowStart = s.startTime;
    }
    last = s.startTime;
    best = Math.max(best, current);
  }
  return Number(best.toFixed(4));
}
