import { programPath } from '@stride/contract/urls';
import { useEffect, useRef, type RefObject } from 'react';
import { useAutoHide } from './components/use-auto-hide';
import { usePlayerSelector } from './hooks';
import { handOverEarlyStart } from './early-start';
import type { MediaEngine } from './media-engine';
import type { PlaybackWorkout } from './playerApi';
import { selectPlayer, selectSignedOutNotice, type PlayerState } from './playerSlice';
import { useFullscreen } from './use-fullscreen';
import { useMediaElementReports, type MediaElementHandlers } from './use-media-element-reports';
import { useMediaEngine } from './use-media-engine';
import { useOutboxSignOut } from './use-outbox-sign-out';
import { usePlay } from './use-play';
import { usePlaybackGrant } from './use-playback-grant';
import { usePlaybackRecovery } from './use-playback-recovery';
import { usePlayerCommands, type PlayerCommands } from './use-player-commands';
import { useProgressSaving } from './use-progress-saving';
import { useResumePoint } from './use-resume-point';
import { useViewMilestones } from './use-view-milestones';

export interface PlayerSessionOptions {
  readonly workoutId: string;
  /** Where Back goes; the workout's program page once known, the browser's history before that. */
  readonly backTo?: string;
}

/** Everything the player's markup shows and wires, from the hooks that each do one job. */
export interface PlayerSessionView {
  readonly containerRef: RefObject<HTMLElement | null>;
  readonly videoRef: RefObject<HTMLVideoElement | null>;
  readonly player: PlayerState;
  readonly workout: PlaybackWorkout | undefined;
  readonly signedOutNotice: boolean;
  readonly controlsVisible: boolean;
  /** Pointer, touch, focus or key activity: shows the controls for a while. */
  readonly onActivity: () => void;
  readonly fullscreen: boolean;
  readonly toggleFullscreen: () => void;
  readonly commands: PlayerCommands;
  readonly mediaEvents: MediaElementHandlers;
  readonly retry: () => void;
}

/** One visit to a workout's player: the play, its authorization, progress, milestones, the engine and its recovery, and the viewer's commands. */
export function usePlayerSession({ workoutId, backTo: backToOption }: PlayerSessionOptions): PlayerSessionView {
  const videoRef = useRef<HTMLVideoElement>(null);
  const containerRef = useRef<HTMLElement>(null);
  const engineRef = useRef<MediaEngine | undefined>(undefined);
  const player = usePlayerSelector(selectPlayer);
  const signedOutNotice = usePlayerSelector(selectSignedOutNotice);

  usePlay(workoutId);
  const { grant, reauthorize } = usePlaybackGrant(workoutId);
  const resume = useResumePoint(workoutId);
  useProgressSaving(workoutId);
  useViewMilestones(workoutId);
  useOutboxSignOut();
  const recovery = usePlaybackRecovery({ videoRef, engineRef, reauthorize });
  useMediaEngine({ videoRef, engineRef, hlsUrl: grant?.hlsUrl, resume, onFatal: recovery.onFatal });
  const mediaEvents = useMediaElementReports(recovery.onPlaying);

  const workout = grant?.workout;
  const backTo = backToOption ?? (workout ? programPath(workout.programSlug) : undefined);
  const { visible: controlsVisible, poke } = useAutoHide(player.status === 'playing');
  const { fullscreen, toggleFullscreen } = useFullscreen(containerRef, videoRef);
  const commands = usePlayerCommands({ videoRef, containerRef, engineRef, backTo, toggleFullscreen, onActivity: poke });
  // After every hook above has subscribed (effects run in order): the early start's hold can go.
  useEffect(() => handOverEarlyStart(workoutId), [workoutId]);

  return {
    containerRef,
    videoRef,
    player,
    workout,
    signedOutNotice,
    controlsVisible,
    onActivity: poke,
    fullscreen,
    toggleFullscreen,
    commands,
    mediaEvents,
    retry: recovery.retry,
  };
}
