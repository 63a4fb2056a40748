import { useEffect, useEffectEvent, type RefObject } from 'react';
import { useDispatch } from 'react-redux';
import type { Dispatch } from '@reduxjs/toolkit';
import { usePlayerSelector } from './hooks';
import { attachEngine, type MediaEngine } from './media-engine';
import {
  captionsAvailable,
  durationKnown,
  failed,
  levelsLoaded,
  levelSwitched,
  selectPlayer,
  statusChanged,
  timeUpdated,
} from './playerSlice';
import type { FatalError } from './recovery-policy';
import type { ResumePoint } from './use-resume-point';

/** HTMLMediaElement.HAVE_FUTURE_DATA (a constant some DOM emulations lack). */
const HAVE_FUTURE_DATA = 3;

export interface MediaEngineOptions {
  readonly videoRef: RefObject<HTMLVideoElement | null>;
  /** Set to the engine while one is attached (recovery and commands act on it), undefined otherwise. */
  readonly engineRef: RefObject<MediaEngine | undefined>;
  /** The playback answer's stream; nothing loads without one. */
  readonly hlsUrl: string | undefined;
  /** Where a first load starts; nothing loads until it is known. */
  readonly resume: ResumePoint;
  /** A fatal playback error, for the recovery policy. */
  readonly onFatal: (error: FatalError) => void;
  /** Attaches a stream to the element: hls.js or native HLS (tests pass a stand-in). */
  readonly attach?: typeof attachEngine;
}

/**
 * An engine the page's boot script started (early-engine.ts) may have played before React
 * listened to the element: what the element did then is reported now (a fresh one did nothing).
 */
function reportEarlyPlayback(video: HTMLVideoElement, dispatch: Dispatch): void {
  if (Number.isFinite(video.duration) && video.duration > 0) dispatch(durationKnown(video.duration));
  if (video.currentTime > 0) dispatch(timeUpdated(video.currentTime));
  if (!video.paused && video.readyState >= HAVE_FUTURE_DATA) dispatch(statusChanged('playing'));
}

/**
 * The media engine: attached for each stream URL and each reload (the slice's loadGeneration),
 * at the last position or else the resume point, with the viewer's volume, captions and quality;
 * destroyed when replaced or unmounted. It then tries to play: a refused autoplay leaves the big
 * Play button as the way in.
 */
export function useMediaEngine({ videoRef, engineRef, hlsUrl, resume, onFatal, attach = attachEngine }: MediaEngineOptions): void {
  const dispatch = useDispatch();
  const player = usePlayerSelector(selectPlayer);
  const reportFatal = useEffectEvent((error: FatalError) => onFatal(error));

  // Reads the state of the render that asked for the load (position, preferences), without
  // making each of them a reason to load again.
  const load = useEffectEvent((video: HTMLVideoElement, url: string) => {
    const startAt = player.positionSec > 0 ? player.positionSec : resume.atSec;
    let cancelled = false;
    let engine: MediaEngine | undefined;
    dispatch(statusChanged('loading'));
    video.volume = player.volume;
    video.muted = player.muted;
    attach(
      video,
      url,
      startAt,
      { captionsOn: player.captionsOn, quality: player.quality },
      {
        onLevels: (levels) => dispatch(levelsLoaded(levels)),
        onLevelSwitched: (index) => dispatch(levelSwitched(index)),
        onCaptionsAvailable: (available) => dispatch(captionsAvailable(available)),
        onFatal: (error) => {
          if (!cancelled) reportFatal(error);
        },
      },
    ).then(
      (created) => {
        if (cancelled) return created?.destroy();
        if (!created) return void dispatch(failed('unsupported'));
        engine = created;
        engineRef.current = created;
        reportEarlyPlayback(video, dispatch);
        // Autoplay may be refused (no user gesture yet): then the big Play button is the way in.
        video.play().catch(() => dispatch(statusChanged('paused')));
      },
      // The player chunk itself did not load: almost always the connection.
      () => {
        if (!cancelled) dispatch(failed(navigator.onLine ? 'unavailable' : 'offline'));
      },
    );
    return () => {
      cancelled = true;
      engine?.destroy();
      engineRef.current = undefined;
    };
  });

  const { loadGeneration } = player;
  // Not before the play is opened (usePlay): opening it starts a new load generation, and a load
  // started in the same commit (the answers already in, as the boot script leaves them) would be
  // torn down and loaded again at once.
  const opened = player.playId !== null;
  useEffect(() => {
    const video = videoRef.current;
    if (!video || !hlsUrl || !resume.known || !opened) return;
    return load(video, hlsUrl);
    // loadGeneration is not read here: a new one (Retry, reauthorization, a recovery reload) is a reason to load again.
  }, [videoRef, hlsUrl, loadGeneration, resume.known, opened]);
}
