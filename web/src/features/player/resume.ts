/** Progress is saved this often while playing (and on pause and on leave). */
export const PROGRESS_SAVE_INTERVAL_MS = 10_000;

/**
 * Where to start a workout the viewer watched before. A few seconds in is not worth resuming,
 * and a finished workout starts over rather than at its last frame.
 */
export function resumePosition(saved: { readonly positionSec: number; readonly durationSec: number } | null | undefined): number {
  if (!saved || !Number.isFinite(saved.positionSec) || saved.positionSec < 5) return 0;
  if (saved.durationSec > 0 && saved.positionSec >= saved.durationSec - Math.min(10, saved.durationSec * 0.05)) return 0;
  return saved.positionSec;
}

/** A save is worth sending when the position moved noticeably since the last one. */
export function shouldSaveProgress(positionSec: number, lastSavedSec: number | null): boolean {
  if (!Number.isFinite(positionSec) || positionSec < 0) return false;
  return lastSavedSec === null || Math.abs(positionSec - lastSavedSec) >= 1;
}
