import type Hls from 'hls.js';
import { API_PREFIX, progressReadPath } from '@stride/contract/region-routing';
import { browserFallbackDeps, requestWithFallback, type FallbackDeps } from '../../shared/api/region-fallback';
import { pendingOutboxProgress } from '../../shared/outbox';
import { holdEarlyAnswer } from './early-answers';
import { holdEarlyEngine } from './early-engine';
import { hlsConfig } from './media-engine';
import { newerPosition, resumePosition, type SavedProgress } from './resume';

/** The workout a /watch/<id> address plays; undefined for any other address. */
export function watchedWorkoutId(pathname: string): string | undefined {
  const match = /^\/watch\/([^/]+)$/.exec(pathname);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

/** How long the app's hydration of a /watch page waits for the boot script's first frame at most. */
export const FIRST_FRAME_WAIT_MS = 1_500;

let booting = false;
let settleBoot: () => void = () => undefined;
let bootSettled = Promise.resolve();
/** Tests: as on a page where no boot script ran. */
export function forgetEarlyBoot(): void {
  booting = false;
  bootSettled = new Promise<void>((resolve) => {
    settleBoot = resolve;
  });
}
forgetEarlyBoot();

/**
 * Resolves when the boot script's play has shown its first frame, or stopped trying (a refusal,
 * an error, a refused autoplay, no hls.js), or after `capMs`; at once where no boot script runs
 * (any page load but /watch, the prerender, a client-side navigation). The /watch route waits
 * for it before hydrating, so the play's chain (playlists, segments, decode) has the main thread
 * first: the picture, then the controls.
 */
export function earlyPlaySettled(capMs: number = FIRST_FRAME_WAIT_MS): Promise<void> {
  if (!booting) return Promise.resolve();
  return Promise.race([bootSettled, new Promise<void>((resolve) => setTimeout(resolve, capMs))]);
}

export interface EarlyBootDeps {
  readonly fallback: FallbackDeps;
  /** hls.js's chunk (the one media-engine.ts imports). */
  readonly loadHls: () => Promise<{ default: typeof Hls }>;
  /** The shell's <video>, if the page has one. */
  readonly findVideo: () => HTMLVideoElement | null;
  /** Where this browser's outbox still holds an unsent position of the workout. */
  readonly pendingProgress: typeof pendingOutboxProgress;
}

const browserDeps = (): EarlyBootDeps => ({
  fallback: browserFallbackDeps(),
  loadHls: () => import('hls.js'),
  findVideo: () => document.querySelector<HTMLVideoElement>('video.player__video'),
  pendingProgress: pendingOutboxProgress,
});

/**
 * Starts a /watch page's play before the app's code has loaded: the playback grant and the resume
 * point (through the region fallback, as the API client asks them) and hls.js's chunk at once;
 * then hls.js loads the stream from the resume point into the shell's <video> and plays. The
 * player takes the answers (early-answers.ts) and the running engine (early-engine.ts) when it
 * mounts, so nothing is asked or loaded twice. A refusal or a failure starts nothing: the player
 * asks and reports as it always does. Resolves once the play is started (or not).
 */
export async function bootWatchPage(pathname: string, deps: EarlyBootDeps = browserDeps()): Promise<void> {
  const workoutId = watchedWorkoutId(pathname);
  if (!workoutId) return;
  booting = true;
  const playing = await startPlay(workoutId, deps).catch(() => null);
  if (!playing) return settleBoot();
  playing.addEventListener('playing', () => settleBoot(), { once: true });
  playing.addEventListener('error', () => settleBoot(), { once: true });
  // Autoplay may be refused (no user gesture yet): the player offers its Play button then.
  playing.play().catch(() => settleBoot());
}

/** The play's requests and engine; resolves to the <video> it plays in, or null when it started none there. */
async function startPlay(workoutId: string, deps: EarlyBootDeps): Promise<HTMLVideoElement | null> {
  performance.mark('stride:boot');
  // The biggest download first: hls.js's chunk (the player reports a failed one when it imports it itself).
  const engineChunk = deps.loadHls();
  engineChunk.catch(() => undefined);
  const ask = (apiPath: string): Promise<Response> => {
    const response = requestWithFallback(apiPath, { method: 'GET', credentials: 'same-origin' }, deps.fallback);
    // The player reads its own copy; this chain registered first, so it clones before anyone reads.
    holdEarlyAnswer(
      apiPath,
      response.then((r) => r.clone()),
    );
    return response;
  };
  const grant = ask(`${API_PREFIX}/playback/${encodeURIComponent(workoutId)}`);
  const progress = ask(progressReadPath(workoutId));

  const granted = await grant.then(
    async (r) => (r.ok ? ((await r.json()) as { hlsUrl?: unknown }) : undefined),
    () => undefined,
  );
  const url = granted?.hlsUrl;
  if (typeof url !== 'string') return null;
  const { default: HlsClass } = await engineChunk;
  if (!HlsClass.isSupported()) return null; // native HLS: the player attaches after hydration
  performance.mark('stride:engine-import');
  let failed = false;
  const hls = new HlsClass({ ...hlsConfig(0), autoStartLoad: false, startFragPrefetch: true });
  hls.on(HlsClass.Events.ERROR, (_event, data) => {
    if (!data.fatal) return;
    failed = true;
    settleBoot();
  });
  // The playlists load while the resume point is still on its way.
  hls.loadSource(url);
  // A ManagedMediaSource (Safari) puts <source> children in the element, which the hydration of
  // the shell's empty <video> would not expect: there the player attaches it after hydration.
  const video = typeof (globalThis as { ManagedMediaSource?: unknown }).ManagedMediaSource === 'undefined' ? deps.findVideo() : null;
  if (video) hls.attachMedia(video);
  performance.mark('stride:engine-attached');

  const saved = await progress.then(
    async (r) => (r.ok ? ((await r.json()) as SavedProgress) : null),
    () => null,
  );
  const startAtSec = resumePosition(newerPosition(deps.pendingProgress(workoutId), saved));
  // Asked before the multivariant playlist is parsed, hls.js would start later at its configured
  // startPosition instead of this one: start once the levels are known.
  const startLoad = () => hls.startLoad(startAtSec > 0 ? startAtSec : -1);
  if (hls.levels.length > 0) startLoad();
  else hls.once(HlsClass.Events.MANIFEST_PARSED, startLoad);
  holdEarlyEngine({ hls, video, url, startAtSec, failed: () => failed });
  return video;
}
