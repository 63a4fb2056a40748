import type { ThunkDispatch, UnknownAction } from '@reduxjs/toolkit';
import { playerApi } from './playerApi';

/**
 * How old a playback answer may be and still serve the player that mounts after it: the answer
 * asked for while the page hydrates. Older ones (a later visit) are asked again, fresh cookies.
 */
export const EARLY_GRANT_MAX_AGE_SEC = 15;

/** How long an early start waits for its player before letting its answers go. */
const HANDOVER_TIMEOUT_MS = 15_000;

type Dispatch = ThunkDispatch<unknown, unknown, UnknownAction>;

const held = new Map<string, () => void>();

/**
 * Starts what a play needs before the player exists, in parallel: the playback grant, the resume
 * point and hls.js's chunk. /watch calls it while the page's route code loads (before hydration,
 * or on the click that navigates there): the player then finds the answers in the cache, or in
 * flight, instead of asking after its first render. Held until the player takes over.
 */
export function startPlaybackEarly(dispatch: Dispatch, workoutId: string): void {
  preloadMediaEngine();
  if (held.has(workoutId)) return;
  performance.mark('stride:grant-early');
  const grant = dispatch(playerApi.endpoints.getPlayback.initiate(workoutId));
  const progress = dispatch(playerApi.endpoints.getProgress.initiate(workoutId));
  const timer = setTimeout(() => release(), HANDOVER_TIMEOUT_MS);
  const release = () => {
    clearTimeout(timer);
    grant.unsubscribe();
    progress.unsubscribe();
    held.delete(workoutId);
  };
  held.set(workoutId, release);
}

/** The player has subscribed to the same answers: the early start lets go of its own hold. */
export function handOverEarlyStart(workoutId: string): void {
  held.get(workoutId)?.();
}

let engineChunk: Promise<unknown> | undefined;

/** Fetches and evaluates hls.js's chunk now (once); media-engine's own import then resolves at once. */
export function preloadMediaEngine(): void {
  // A failed chunk is media-engine's to report when it imports it itself.
  engineChunk ??= import('hls.js').catch(() => undefined);
}
