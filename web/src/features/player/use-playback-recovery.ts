import { useCallback, useEffect, useEffectEvent, useRef, type RefObject } from 'react';
import { useDispatch } from 'react-redux';
import { usePlayerSelector, usePlayerStore } from './hooks';
import type { MediaEngine } from './media-engine';
import { failed, reloadRequested, retryStarted, statusChanged } from './playerSlice';
import { afterHealthyPlayback, decideRecovery, freshRecoveryState, type FatalError, type RecoveryState } from './recovery-policy';

/** A buffering spell longer than this is treated as a stalled network, not patience. */
export const STALL_TIMEOUT_MS = 15_000;

export interface PlaybackRecoveryOptions {
  readonly videoRef: RefObject<HTMLVideoElement | null>;
  readonly engineRef: RefObject<MediaEngine | undefined>;
  /** Asks the API for playback again; resolves to whether it granted. */
  readonly reauthorize: () => Promise<boolean>;
}

export interface PlaybackRecovery {
  /** A fatal error from the engine: recover as recovery-policy.ts decides, or give up with its cause. */
  readonly onFatal: (error: FatalError) => void;
  /** The picture plays: past network trouble is forgiven (a long workout survives unrelated blips). */
  readonly onPlaying: () => void;
  /** The viewer's Retry: authorize again (fresh media cookies, or a changed subscription), then reload at the position. */
  readonly retry: () => void;
}

/** What the player does when playback breaks: the recovery policy's actions, carried out, and a stall that does not end. */
export function usePlaybackRecovery({ videoRef, engineRef, reauthorize }: PlaybackRecoveryOptions): PlaybackRecovery {
  const dispatch = useDispatch();
  const store = usePlayerStore();
  const recoveryRef = useRef<RecoveryState>(freshRecoveryState);

  const onFatal = useCallback(
    (error: FatalError) => {
      const { action, state } = decideRecovery(recoveryRef.current, error, {
        nowMs: Date.now(),
        online: navigator.onLine,
        signedOut: store.getState().player.sessionLost,
      });
      recoveryRef.current = state;
      const engine = engineRef.current;
      switch (action.type) {
        case 'recover-media':
          dispatch(statusChanged('recovering'));
          engine?.recoverMedia();
          return;
        case 'restart-load':
          dispatch(statusChanged('recovering'));
          setTimeout(() => engineRef.current?.restartLoad(store.getState().player.positionSec), action.delayMs);
          return;
        case 'reauthorize':
          dispatch(statusChanged('recovering'));
          void reauthorize().then((granted) => {
            if (granted) return void dispatch(reloadRequested());
            // Refused (a 401 mid-play only raises the notice): the buffered picture may still be
            // playing, and must not sit under "Buffering…" until it runs out.
            const video = videoRef.current;
            if (video && !video.paused) dispatch(statusChanged('playing'));
          });
          return;
        case 'reload':
          dispatch(reloadRequested());
          return;
        case 'fail':
          // Stop the engine, so a dead stream does not keep retrying (or erroring) behind the message.
          engine?.destroy();
          dispatch(failed(action.failure));
          return;
      }
    },
    [dispatch, store, engineRef, videoRef, reauthorize],
  );

  // A stall that does not end is a network failure like any other.
  const stalled = useEffectEvent(() => onFatal({ kind: 'network' }));
  const status = usePlayerSelector((state) => state.player.status);
  useEffect(() => {
    if (status !== 'buffering') return;
    const timer = setTimeout(() => stalled(), STALL_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [status]);

  const onPlaying = useCallback(() => {
    recoveryRef.current = afterHealthyPlayback(recoveryRef.current);
  }, []);

  const retry = useCallback(() => {
    recoveryRef.current = freshRecoveryState;
    dispatch(retryStarted());
    void reauthorize().then((granted) => {
      if (granted) dispatch(reloadRequested());
    });
  }, [dispatch, reauthorize]);

  return { onFatal, onPlaying, retry };
}
