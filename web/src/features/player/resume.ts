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

/** A position the API answered, with the server's time of the save it keeps (ISO), when it says. */
export interface SavedProgress {
  readonly positionSec: number;
  readonly durationSec: number;
  readonly updatedAt?: string | null;
}

/**
 * The position to resume from: one still waiting in the outbox (not yet acknowledged, so the
 * API may not have it) wins over the API's answer, unless the API's was saved after the waiting
 * one was read (another device, or a beacon that did arrive and was overtaken since).
 */
export function newerPosition(
  pending: { readonly positionSec: number; readonly durationSec: number; readonly savedAt: number } | undefined,
  saved: SavedProgress | null | undefined,
): { readonly positionSec: number; readonly durationSec: number } | null {
  if (!pending) return saved ?? null;
  const savedAt = saved?.updatedAt ? Date.parse(saved.updatedAt) : Number.NaN;
  if (saved && Number.isFinite(savedAt) && savedAt > pending.savedAt) return saved;
  return { positionSec: pending.positionSec, durationSec: pending.durationSec };
}
