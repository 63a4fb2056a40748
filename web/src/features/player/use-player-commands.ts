import { useEffect, type KeyboardEvent, type RefObject } from 'react';
import { useDispatch } from 'react-redux';
import { useNavigate } from 'react-router';
import { usePlayerSelector } from './hooks';
import { commandForKey, type KeyContext, type PlayerCommand } from './keyboard';
import type { MediaEngine } from './media-engine';
import { captionsToggled, qualityChosen, selectPlayer } from './playerSlice';

export interface PlayerCommandsOptions {
  readonly videoRef: RefObject<HTMLVideoElement | null>;
  readonly containerRef: RefObject<HTMLElement | null>;
  readonly engineRef: RefObject<MediaEngine | undefined>;
  /** Where Back goes; the browser's history otherwise. */
  readonly backTo: string | undefined;
  readonly toggleFullscreen: () => void;
  /** Any key shows the controls again. */
  readonly onActivity: () => void;
}

export interface PlayerCommands {
  readonly run: (command: PlayerCommand) => void;
  /** The player's keys (keyboard.ts): on the player's container. */
  readonly onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
  readonly toggleCaptions: () => void;
  readonly seekTo: (seconds: number) => void;
  readonly setVolume: (volume: number) => void;
  readonly chooseQuality: (levelIndex: number) => void;
}

const roleOf = (target: EventTarget): KeyContext['targetRole'] => {
  if (!(target instanceof HTMLElement)) return 'other';
  if (target instanceof HTMLInputElement) return target.type === 'range' ? 'slider' : 'text';
  if (target instanceof HTMLSelectElement) return 'select';
  if (target instanceof HTMLTextAreaElement || target.isContentEditable) return 'text';
  if (target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement) return 'button';
  return 'other';
};

/**
 * What the viewer asks of the player, by key, remote, click or control: play and pause, seek,
 * volume, captions, quality, full screen, moving along the control bar, Back. The player's
 * container takes focus on mount, so keys work without a first click.
 */
export function usePlayerCommands({
  videoRef,
  containerRef,
  engineRef,
  backTo,
  toggleFullscreen,
  onActivity,
}: PlayerCommandsOptions): PlayerCommands {
  const dispatch = useDispatch();
  const navigate = useNavigate();
  const player = usePlayerSelector(selectPlayer);

  useEffect(() => containerRef.current?.focus({ preventScroll: true }), [containerRef]);

  function toggleCaptions() {
    const on = !player.captionsOn;
    dispatch(captionsToggled(on));
    engineRef.current?.setCaptions(on);
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
        const controls = Array.from(
          containerRef.current?.querySelectorAll<HTMLElement>('.player__controls button:not(:disabled), .player__controls select') ?? [],
        );
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

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    onActivity();
    // The error panel's own buttons and links keep their keys (and a TV page's D-pad moves between them).
    if (player.status === 'error') return;
    const command = commandForKey(
      event.key,
      { targetRole: roleOf(event.target), keyCode: event.keyCode },
      { ctrl: event.ctrlKey, meta: event.metaKey, alt: event.altKey },
    );
    if (!command) return;
    event.preventDefault();
    run(command);
  }

  return {
    run,
    onKeyDown,
    toggleCaptions,
    seekTo: (seconds) => {
      if (videoRef.current) videoRef.current.currentTime = seconds;
    },
    setVolume: (volume) => {
      if (!videoRef.current) return;
      videoRef.current.muted = volume === 0;
      videoRef.current.volume = volume;
    },
    chooseQuality: (levelIndex) => {
      dispatch(qualityChosen(levelIndex));
      engineRef.current?.setQuality(levelIndex);
    },
  };
}
