import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useDispatch } from 'react-redux';
import { useNavigate } from 'react-router';
import { describeApiError } from '../../../shared/api/api-error';
import { PROGRESS_LISTS_TAG } from '../../../shared/api/progressApi';
import { strideApi } from '../../../shared/api/strideApi';
import { usePlayerSelector } from '../hooks';
import { commandForKey, type KeyContext, type PlayerCommand } from '../keyboard';
import { beaconViewEvents, saveProgressOnLeave } from '../leave-requests';
import { attachEngine, type MediaEngine } from '../media-engine';
import { useGetPlaybackQuery, useGetProgressQuery, useSaveProgressMutation, useSendViewEventMutation, type ViewEvent } from '../playerApi';
import {
  authorizationFailed,
  captionsAvailable,
  captionsToggled,
  durationKnown,
  failed,
  levelsLoaded,
  levelSwitched,
  milestoneSent,
  playClosed,
  playOpened,
  progressSaved,
  qualityChosen,
  reloadRequested,
  resumePointKept,
  retryStarted,
  seeked,
  selectDueMilestones,
  selectPlayer,
  selectResumePoint,
  selectSignedOutNotice,
  statusChanged,
  timeUpdated,
  volumeChanged,
} from '../playerSlice';
import { afterHealthyPlayback, decideRecovery, freshRecoveryState, type FatalError, type RecoveryState } from '../recovery-policy';
import { PROGRESS_SAVE_INTERVAL_MS, resumePosition, shouldSaveProgress } from '../resume';
import { PlayerControls } from './PlayerControls';
import { PlayerErrorPanel } from './PlayerErrorPanel';
import { PlayerHeading } from './PlayerHeading';
import { PlayerSignedOutNotice } from './PlayerSignedOutNotice';
import { useAutoHide } from './use-auto-hide';

export interface PlayerSessionProps {
  readonly workoutId: string;
  /** Shown above the picture; otherwise the playback answer's workout title. */
  readonly title?: string;
  /** Shown before the first frame (a sized image under /posters or /media). */
  readonly posterSrc?: string;
  /** Where a TV remote's Back goes; the browser's history otherwise. */
  readonly backTo?: string;
}

/** A buffering spell longer than this is treated as a stalled network, not patience. */
const STALL_TIMEOUT_MS = 15_000;

const roleOf = (target: EventTarget): KeyContext['targetRole'] => {
  if (!(target instanceof HTMLElement)) return 'other';
  if (target instanceof HTMLInputElement) return target.type === 'range' ? 'slider' : 'text';
  if (target instanceof HTMLSelectElement) return 'select';
  if (target instanceof HTMLTextAreaElement || target.isContentEditable) return 'text';
  if (target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement) return 'button';
  return 'other';
};

const newPlayId = (): string => (typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`);

export function PlayerSession({ workoutId, title: titleProp, posterSrc, backTo: backToProp }: PlayerSessionProps) {
  const idPrefix = useId();
  const dispatch = useDispatch();
  const navigate = useNavigate();
  const player = usePlayerSelector(selectPlayer);
  const due = usePlayerSelector(selectDueMilestones);
  const keptResume = usePlayerSelector((state) => selectResumePoint(state, workoutId));
  const signedOutNotice = usePlayerSelector(selectSignedOutNotice);

  const videoRef = useRef<HTMLVideoElement>(null);
  const containerRef = useRef<HTMLElement>(null);
  const engineRef = useRef<MediaEngine | undefined>(undefined);
  const recoveryRef = useRef<RecoveryState>(freshRecoveryState);
  const unsentEventsRef = useRef<ViewEvent[]>([]);
  // The latest values for callbacks that outlive a render (engine events, timers, pagehide).
  const latest = useRef({ player, keptResume });
  useEffect(() => {
    latest.current = { player, keptResume };
  });

  const [fullscreen, setFullscreen] = useState(false);
  const playing = player.status === 'playing';
  const { visible: controlsVisible, poke } = useAutoHide(playing);

  const grant = useGetPlaybackQuery(workoutId, { refetchOnMountOrArgChange: true });
  const workout = grant.data?.workout;
  const title = titleProp ?? workout?.title;
  const programSlug = workout?.programSlug;
  const backTo = backToProp ?? (programSlug ? `/programs/${encodeURIComponent(programSlug)}` : undefined);
  const progress = useGetProgressQuery(workoutId);
  const [saveProgress] = useSaveProgressMutation();
  const [sendViewEvent] = useSendViewEventMutation();

  // One play per mount: view events of this visit share its id.
  useEffect(() => {
    dispatch(playOpened({ workoutId, playId: newPlayId() }));
    return () => {
      dispatch(playClosed());
    };
  }, [dispatch, workoutId]);

  // The authorization request failed (after the API client's own retries): name the cause, or,
  // mid-play and signed out, let the slice turn it into the non-blocking notice.
  const grantErrorKind = describeApiError(grant.error)?.kind;
  useEffect(() => {
    if (grant.isError && grantErrorKind) dispatch(authorizationFailed(grantErrorKind));
  }, [dispatch, grant.isError, grantErrorKind]);

  const save = useCallback(
    (onLeave: boolean) => {
      const { player: p } = latest.current;
      if (!p.started || p.workoutId !== workoutId || !(p.durationSec > 0)) return;
      const positionSec = p.status === 'ended' ? p.durationSec : Math.floor(p.positionSec);
      if (!shouldSaveProgress(positionSec, p.lastSavedSec)) return;
      dispatch(progressSaved(positionSec));
      // Kept in this tab even when the API cannot take it: a viewer who signs in again resumes here.
      dispatch(resumePointKept({ workoutId, positionSec, durationSec: p.durationSec }));
      // Signed out, a save can only earn another 401: stop until a new play after sign-in.
      if (p.sessionLost) return;
      const body = { positionSec, durationSec: Math.round(p.durationSec) };
      if (onLeave) {
        saveProgressOnLeave(workoutId, body);
        // Not an RTK Query request, so invalidate "Continue watching" by hand.
        dispatch(strideApi.util.invalidateTags([PROGRESS_LISTS_TAG]));
      } else {
        // A 401 reaches the slice as apiUnauthorized; other failures wait for the next save.
        void saveProgress({ workoutId, ...body });
      }
    },
    [dispatch, saveProgress, workoutId],
  );

  // Progress: every 10 s while playing, and whenever playback pauses or ends.
  useEffect(() => {
    if (player.status === 'paused' || player.status === 'ended') save(false);
    if (player.status !== 'playing') return;
    const timer = setInterval(() => save(false), PROGRESS_SAVE_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [player.status, save]);

  // Leaving: the tab closes or goes to the background, or the viewer navigates away.
  useEffect(() => {
    const leave = () => {
      save(true);
      beaconViewEvents(unsentEventsRef.current.splice(0));
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') leave();
    };
    window.addEventListener('pagehide', leave);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', leave);
      document.removeEventListener('visibilitychange', onVisibility);
      leave();
    };
  }, [save]);

  // View milestones, each sent once per play; one that fails is beaconed on leave.
  useEffect(() => {
    const { player: p } = latest.current;
    if (!p.playId || due.length === 0 || p.sessionLost) return;
    for (const event of due) {
      dispatch(milestoneSent(event));
      const body: ViewEvent = { workoutId, playId: p.playId, event, positionSec: Math.floor(p.positionSec), durationSec: Math.round(p.durationSec), eventId: `${p.playId}:${event}` };
      sendViewEvent(body)
        .unwrap()
        .catch((error: Parameters<typeof describeApiError>[0]) => {
          // Signed out, a beacon on leave would be refused too.
          if (describeApiError(error)?.kind !== 'unauthorized') unsentEventsRef.current.push(body);
        });
    }
  }, [dispatch, due, sendViewEvent, workoutId]);

  const applyRecovery = useCallback(
    (error: FatalError) => {
      const { action, state } = decideRecovery(recoveryRef.current, error, { nowMs: Date.now(), online: navigator.onLine, signedOut: latest.current.player.sessionLost });
      recoveryRef.current = state;
      const engine = engineRef.current;
      switch (action.type) {
        case 'recover-media':
          dispatch(statusChanged('recovering'));
          engine?.recoverMedia();
          return;
        case 'restart-load':
          dispatch(statusChanged('recovering'));
          setTimeout(() => engineRef.current?.restartLoad(latest.current.player.positionSec), action.delayMs);
          return;
        case 'reauthorize':
          dispatch(statusChanged('recovering'));
          void grant.refetch().then((result) => {
            if (!result.isError) return void dispatch(reloadRequested());
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
    [dispatch, grant],
  );

  // The media engine: (re)created for each authorization and each reload, at the last position.
  const hlsUrl = grant.data?.hlsUrl;
  const progressSettled = !progress.isLoading && !progress.isFetching;
  useEffect(() => {
    const video = videoRef.current;
    if (!video || !hlsUrl || !progressSettled) return;
    const { player: p, keptResume: kept } = latest.current;
    const startAt = p.positionSec > 0 ? p.positionSec : resumePosition(kept ?? progress.data ?? (grant.data?.resumeAtSec !== undefined ? { positionSec: grant.data.resumeAtSec, durationSec: 0 } : null));
    let cancelled = false;
    let engine: MediaEngine | undefined;
    dispatch(statusChanged('loading'));
    video.volume = p.volume;
    video.muted = p.muted;
    attachEngine(video, hlsUrl, startAt, { captionsOn: p.captionsOn, quality: p.quality }, {
      onLevels: (levels) => dispatch(levelsLoaded(levels)),
      onLevelSwitched: (index) => dispatch(levelSwitched(index)),
      onCaptionsAvailable: (available) => dispatch(captionsAvailable(available)),
      onFatal: (error) => {
        if (!cancelled) applyRecovery(error);
      },
    }).then(
      (created) => {
        if (cancelled) return created?.destroy();
        if (!created) return void dispatch(failed('unsupported'));
        engine = created;
        engineRef.current = created;
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
    // Re-run only for a new stream URL, a reload, or once the saved position is known.
  }, [hlsUrl, player.loadGeneration, progressSettled]); // eslint-disable-line react-hooks/exhaustive-deps

  // A stall that does not end is a network failure the recovery policy handles.
  useEffect(() => {
    if (player.status !== 'buffering') return;
    const timer = setTimeout(() => applyRecovery({ kind: 'network' }), STALL_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [player.status, applyRecovery]);

  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement === containerRef.current);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  // Keys work as soon as the player is there, without a first click.
  useEffect(() => containerRef.current?.focus({ preventScroll: true }), []);

  function retry() {
    recoveryRef.current = freshRecoveryState;
    dispatch(retryStarted());
    // Authorize again first (fresh media cookies, or a changed subscription), then reload at the position.
    void grant.refetch().then((result) => {
      if (!result.isError) dispatch(reloadRequested());
    });
  }

  function run(command: PlayerCommand) {
    const video = videoRef.current;
    if (!video) return;
    switch (command.type) {
      case 'toggle-play':
        if (video.paused || video.ended) void video.play().catch(() => undefined);
        else video.pause();
        return;
      case 'seek-by': {
        const end = Number.isFinite(video.duration) ? video.duration : Infinity;
        video.currentTime = Math.min(Math.max(0, video.currentTime + command.seconds), end);
        return;
      }
      case 'volume-by':
        video.muted = false;
        video.volume = Math.min(1, Math.max(0, Math.round((video.volume + command.delta) * 100) / 100));
        return;
      case 'toggle-mute':
        video.muted = !video.muted;
        return;
      case 'toggle-fullscreen':
        toggleFullscreen();
        return;
      case 'toggle-captions':
        toggleCaptions();
        return;
      case 'focus-control': {
        const controls = Array.from(containerRef.current?.querySelectorAll<HTMLElement>('.player__controls button:not(:disabled), .player__controls select') ?? []);
        const index = controls.findIndex((el) => el === document.activeElement);
        controls[Math.min(controls.length - 1, Math.max(0, index + command.step))]?.focus();
        return;
      }
      case 'focus-controls':
        containerRef.current?.querySelector<HTMLElement>('.player__controls button')?.focus();
        return;
      case 'focus-stage':
        containerRef.current?.focus();
        return;
      case 'back':
        if (document.fullscreenElement) void document.exitFullscreen();
        else if (backTo) void navigate(backTo);
        else void navigate(-1);
        return;
    }
  }

  function toggleCaptions() {
    const on = !player.captionsOn;
    dispatch(captionsToggled(on));
    engineRef.current?.setCaptions(on);
  }

  function toggleFullscreen() {
    const container = containerRef.current;
    const video = videoRef.current as (HTMLVideoElement & { webkitEnterFullscreen?: () => void }) | null;
    if (document.fullscreenElement) void document.exitFullscreen();
    else if (container?.requestFullscreen) void container.requestFullscreen().catch(() => undefined);
    // iOS Safari: only the video element itself can go full screen.
    else video?.webkitEnterFullscreen?.();
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    poke();
    if (player.status === 'error') return;
    const command = commandForKey(event.key, { targetRole: roleOf(event.target), keyCode: event.keyCode }, { ctrl: event.ctrlKey, meta: event.metaKey, alt: event.altKey });
    if (!command) return;
    event.preventDefault();
    run(command);
  }

  const busy = player.status === 'authorizing' || player.status === 'loading' || player.status === 'buffering' || player.status === 'recovering';
  const statusText = player.status === 'buffering' || player.status === 'recovering' ? 'Buffering…' : 'Loading the workout…';

  return (
    <section
      ref={containerRef}
      className="player"
      aria-label={title ? `Video player: ${title}` : 'Video player'}
      aria-describedby={`${idPrefix}-keys`}
      tabIndex={-1}
      data-status={player.status}
      data-controls={controlsVisible ? 'shown' : 'hidden'}
      onKeyDown={onKeyDown}
      onPointerMove={poke}
      onFocusCapture={poke}
    >
      <PlayerHeading title={title} {...(workout ? { program: { slug: workout.programSlug, title: workout.programTitle } } : {})} />
      <PlayerSignedOutNotice show={signedOutNotice} workoutId={workoutId} />
      <p id={`${idPrefix}-keys`} className="visually-hidden">
        Keyboard: Space or K play and pause, J and L or the left and right arrow keys seek, F full screen, M mute, C captions; the down arrow goes to the controls.
      </p>
      <div className="player__stage">
        <video
          ref={videoRef}
          className="player__video"
          playsInline
          preload="metadata"
          poster={posterSrc}
          onClick={() => run({ type: 'toggle-play' })}
          onDoubleClick={toggleFullscreen}
          onPlaying={() => {
            recoveryRef.current = afterHealthyPlayback(recoveryRef.current);
            dispatch(statusChanged('playing'));
          }}
          onPause={() => dispatch(statusChanged('paused'))}
          onWaiting={() => dispatch(statusChanged('buffering'))}
          // Paused and ready (after a seek, or autoplay refused): not buffering any more.
          onCanPlay={(event) => {
            if (event.currentTarget.paused) dispatch(statusChanged('paused'));
          }}
          onEnded={() => dispatch(statusChanged('ended'))}
          onTimeUpdate={(event) => dispatch(timeUpdated(event.currentTarget.currentTime))}
          onSeeking={(event) => dispatch(seeked(event.currentTarget.currentTime))}
          onDurationChange={(event) => dispatch(durationKnown(event.currentTarget.duration))}
          onVolumeChange={(event) => dispatch(volumeChanged({ volume: event.currentTarget.volume, muted: event.currentTarget.muted }))}
        />
        {busy && (
          <p className="player__status" role="status">
            {statusText}
          </p>
        )}
        {player.status === 'error' && player.failure && <PlayerErrorPanel failure={player.failure} workoutId={workoutId} onRetry={retry} />}
      </div>
      {player.status !== 'error' && (
        <PlayerControls
          idPrefix={idPrefix}
          playing={playing}
          positionSec={player.positionSec}
          durationSec={player.durationSec}
          volume={player.volume}
          muted={player.muted}
          levels={player.levels}
          quality={player.quality}
          activeLevel={player.activeLevel}
          captionsAvailable={player.captionsAvailable}
          captionsOn={player.captionsOn}
          fullscreen={fullscreen}
          visible={controlsVisible}
          onTogglePlay={() => run({ type: 'toggle-play' })}
          onSeek={(seconds) => {
            if (videoRef.current) videoRef.current.currentTime = seconds;
          }}
          onVolume={(volume) => {
            if (!videoRef.current) return;
            videoRef.current.muted = volume === 0;
            videoRef.current.volume = volume;
          }}
          onToggleMute={() => run({ type: 'toggle-mute' })}
          onQuality={(levelIndex) => {
            dispatch(qualityChosen(levelIndex));
            engineRef.current?.setQuality(levelIndex);
          }}
          onToggleCaptions={toggleCaptions}
          onToggleFullscreen={toggleFullscreen}
        />
      )}
    </section>
  );
}
