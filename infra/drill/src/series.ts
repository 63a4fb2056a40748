import type { DrillEvent } from './events';

/** One second of the drill: what the timeline chart plots. */
export interface SecondSample {
  /** Seconds since the drill started. */
  readonly t: number;
  /** API answers per region (x-stride-region), this second. */
  readonly requestsByRegion: Readonly<Record<string, number>>;
  /** Viewer requests that failed (after retries), this second. */
  readonly errors: number;
  /** Plays under way at the end of this second. */
  readonly playsInProgress: number;
  /** Plays that failed this second. */
  readonly failedPlays: number;
}

/** Buckets the events into whole seconds from `startMs` to `endMs` (pure). */
export function perSecondSeries(events: readonly DrillEvent[], startMs: number, endMs: number): SecondSample[] {
  const seconds = Math.max(1, Math.ceil((endMs - startMs) / 1000));
  const rows = Array.from({ length: seconds }, (_, t) => ({
    t,
    requestsByRegion: {} as Record<string, number>,
    errors: 0,
    playsInProgress: 0,
    failedPlays: 0,
  }));
  const playing = new Set<string>();
  const sorted = [...events].sort((a, b) => a.t - b.t);
  let i = 0;
  for (const row of rows) {
    const end = startMs + (row.t + 1) * 1000;
    for (; i < sorted.length && (sorted[i]?.t ?? Infinity) < end; i += 1) {
      const e = sorted[i];
      if (!e || e.t < startMs) continue;
      if (e.type === 'request') {
        if (!e.ok) row.errors += 1;
        if (e.api && e.region) row.requestsByRegion[e.region] = (row.requestsByRegion[e.region] ?? 0) + 1;
      } else if (e.type === 'play-started') playing.add(e.viewer);
      else if (e.type === 'play-ended') playing.delete(e.viewer);
      else if (e.type === 'play-failed') {
        playing.delete(e.viewer);
        row.failedPlays += 1;
      }
    }
    row.playsInProgress = playing.size;
  }
  return rows;
}
