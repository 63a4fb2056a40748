import type { ErrorData, HlsConfig } from 'hls.js';
import { takeEarlyEngine } from './early-engine';
import type { FatalError } from './recovery-policy';
import type { QualityLevel } from './playerSlice';

/** What the player component needs from whatever plays the stream (hls.js or native HLS). */
export interface MediaEngine {
  readonly kind: 'hls.js' | 'native';
  destroy(): void;
  recoverMedia(): void;
  restartLoad(atSec: number): void;
  /** -1 for automatic. */
  setQuality(levelIndex: number): void;
  setCaptions(on: boolean): void;
}

export interface EngineCallbacks {
  onLevels(levels: QualityLevel[]): void;
  onLevelSwitched(index: number): void;
  onCaptionsAvailable(available: boolean): void;
  onFatal(error: FatalError): void;
}

const HLS_MIME = 'application/vnd.apple.mpegurl';

/** Reduces an hls.js error to what the recovery policy decides on. */
export function fatalFromHls(data: Pick<ErrorData, 'type' | 'response'>): FatalError {
  // ErrorTypes values are strings ('networkError', 'mediaError', ...); compared as such so this
  // module does not import hls.js at runtime.
  if (data.type === 'networkError') {
    const code = data.response?.code;
    return typeof code === 'number' && code > 0 ? { kind: 'network', httpStatus: code } : { kind: 'network' };
  }
  if (data.type === 'mediaError') return { kind: 'media' };
  return { kind: 'other' };
}

/** hls.js's settings for a play starting at `startAtSec` (the boot script's early engine uses them too). */
export const hlsConfig = (startAtSec: number): Partial<HlsConfig> => ({
  startPosition: startAtSec > 0 ? startAtSec : -1,
  capLevelToPlayerSize: true,
  renderTextTracksNatively: true,
});

function showTextTracks(video: HTMLVideoElement, on: boolean): void {
  for (const track of Array.from(video.textTracks)) {
    if (track.kind === 'subtitles' || track.kind === 'captions') track.mode = on ? 'showing' : 'hidden';
  }
}

/**
 * Starts playing `url` in `video` at `startAtSec`. hls.js is imported here, on demand, so it is
 * its own chunk that only /watch ever loads; browsers without MSE but with native HLS (Safari on
 * iOS, many TV web views) play the playlist directly. Resolves to undefined when neither works.
 */
export async function attachEngine(
  video: HTMLVideoElement,
  url: string,
  startAtSec: number,
  options: { captionsOn: boolean; quality: number },
  callbacks: EngineCallbacks,
): Promise<MediaEngine | undefined> {
  let captionsOn = options.captionsOn;
  performance.mark('stride:engine-import');
  const { default: Hls } = await import('hls.js');
  if (Hls.isSupported()) {
    // The boot script's engine when it already loads this stream from this start (early-engine.ts):
    // the same playlists and segments, no second load. Events it heard before are replayed below.
    const early = takeEarlyEngine(video, url, startAtSec);
    const hls = early ?? new Hls(hlsConfig(startAtSec));
    const reportLevels = () => {
      callbacks.onLevels(hls.levels.map((level, index) => ({ index, height: level.height, bitrate: level.bitrate })));
      if (options.quality >= 0) hls.currentLevel = options.quality;
    };
    const reportCaptions = () => {
      callbacks.onCaptionsAvailable(hls.subtitleTracks.length > 0);
      if (hls.subtitleTracks.length > 0) {
        hls.subtitleTrack = captionsOn ? 0 : -1;
        hls.subtitleDisplay = captionsOn;
      }
    };
    hls.on(Hls.Events.MANIFEST_PARSED, reportLevels);
    hls.on(Hls.Events.LEVEL_SWITCHED, (_event, data) => callbacks.onLevelSwitched(data.level));
    hls.on(Hls.Events.SUBTITLE_TRACKS_UPDATED, reportCaptions);
    // Non-fatal errors are hls.js's own business: it retries fragments and switches levels itself.
    hls.on(Hls.Events.ERROR, (_event, data) => {
      if (data.fatal) callbacks.onFatal(fatalFromHls(data));
    });
    if (!early) hls.loadSource(url);
    else {
      if (hls.levels.length > 0) reportLevels();
      if (hls.subtitleTracks.length > 0) reportCaptions();
      if (hls.currentLevel >= 0) callbacks.onLevelSwitched(hls.currentLevel);
    }
    if (hls.media !== video) hls.attachMedia(video);
    performance.mark(early ? 'stride:engine-adopted' : 'stride:engine-attached');
    let destroyed = false;
    return {
      kind: 'hls.js',
      // Idempotent: the player stops a failed engine, and its effect cleanup destroys it again.
      destroy: () => {
        if (!destroyed) hls.destroy();
        destroyed = true;
      },
      recoverMedia: () => hls.recoverMediaError(),
      // After a fatal manifest error there are no levels, and startLoad() alone would load nothing
      // (the player would sit in "recovering" for ever): ask for the playlist again.
      restartLoad: (atSec) => {
        if (hls.levels.length === 0) hls.loadSource(url);
        else hls.startLoad(atSec);
      },
      setQuality: (levelIndex) => {
        hls.currentLevel = levelIndex;
      },
      setCaptions: (on) => {
        captionsOn = on;
        if (hls.subtitleTracks.length === 0) return;
        hls.subtitleTrack = on ? 0 : -1;
        hls.subtitleDisplay = on;
        showTextTracks(video, on);
      },
    };
  }

  if (video.canPlayType(HLS_MIME) === '') return undefined;
  const onLoaded = () => {
    if (startAtSec > 0) video.currentTime = startAtSec;
    showTextTracks(video, captionsOn);
    callbacks.onCaptionsAvailable(video.textTracks.length > 0);
  };
  const onTrack = () => {
    showTextTracks(video, captionsOn);
    callbacks.onCaptionsAvailable(true);
  };
  // The element cannot tell a 403 from other network failures; report it as such and let the
  // policy retry (which includes reauthorizing when a status is known).
  const onError = () =>
    callbacks.onFatal(
      video.error?.code === MediaError.MEDIA_ERR_NETWORK
        ? { kind: 'network' }
        : video.error?.code === MediaError.MEDIA_ERR_DECODE
          ? { kind: 'media' }
          : { kind: 'other' },
    );
  video.addEventListener('loadedmetadata', onLoaded, { once: true });
  video.textTracks.addEventListener('addtrack', onTrack);
  video.addEventListener('error', onError);
  video.src = url;
  performance.mark('stride:engine-attached');
  return {
    kind: 'native',
    destroy: () => {
      video.removeEventListener('loadedmetadata', onLoaded);
      video.textTracks.removeEventListener('addtrack', onTrack);
      video.removeEventListener('error', onError);
      video.removeAttribute('src');
      video.load();
    },
    recoverMedia: () => {
      const at = video.currentTime;
      video.load();
      video.currentTime = at;
    },
    restartLoad: (atSec) => {
      video.load();
      video.currentTime = atSec;
    },
    setQuality: () => undefined,
    setCaptions: (on) => {
      captionsOn = on;
      showTextTracks(video, on);
    },
  };
}
