import { useId } from 'react';
import { useHydrated } from '../../../shared/ui/use-hydrated';
import { usePlayerSession } from '../use-player-session';
import { PlayerControls } from './PlayerControls';
import { PlayerErrorPanel } from './PlayerErrorPanel';
import { PlayerHeading } from './PlayerHeading';
import { PlayerSignedOutNotice } from './PlayerSignedOutNotice';

export interface PlayerSessionProps {
  readonly workoutId: string;
  /** Shown above the picture; otherwise the playback answer's workout title. */
  readonly title?: string;
  /** Shown before the first frame (a sized image under /posters or /media). */
  readonly posterSrc?: string;
  /** Where a TV remote's Back goes; the browser's history otherwise. */
  readonly backTo?: string;
}

/**
 * The <video>'s children belong to the media engine (hls.js adds a <track> per captions track, a
 * <source> with a ManagedMediaSource): marked as HTML React does not own, so neither hydrating a
 * shell the boot script already plays in nor a later render touches or objects to them.
 */
const ENGINE_OWNED_CHILDREN = { __html: '' };

/**
 * One visit to a workout's player, rendered: the behaviour is in usePlayerSession's hooks. Until
 * hydrated it shows nothing the shell cannot know (the workout, from the props or the playback
 * answer), so the prerendered stage hydrates at any id and its <video> element stays the same.
 */
export function PlayerSession({ workoutId, title: titleProp, posterSrc, backTo }: PlayerSessionProps) {
  const idPrefix = useId();
  const hydrated = useHydrated();
  const {
    containerRef,
    videoRef,
    player,
    workout,
    signedOutNotice,
    controlsVisible,
    onActivity,
    fullscreen,
    toggleFullscreen,
    commands,
    mediaEvents,
    retry,
  } = usePlayerSession({ workoutId, ...(backTo !== undefined ? { backTo } : {}) });
  const named = hydrated ? workout : undefined;
  const title = hydrated ? (titleProp ?? workout?.title) : undefined;
  const playing = player.status === 'playing';
  const busy =
    player.status === 'idle' ||
    player.status === 'authorizing' ||
    player.status === 'loading' ||
    player.status === 'buffering' ||
    player.status === 'recovering';
  const statusText =
    player.status === 'idle'
      ? 'Loading the player…'
      : player.status === 'buffering' || player.status === 'recovering'
        ? 'Buffering…'
        : 'Loading the workout…';

  return (
    <section
      ref={containerRef}
      className="player"
      aria-label={title ? `Video player: ${title}` : 'Video player'}
      aria-describedby={`${idPrefix}-keys`}
      tabIndex={-1}
      data-status={player.status}
      data-controls={controlsVisible ? 'shown' : 'hidden'}
      onKeyDown={commands.onKeyDown}
      onPointerMove={onActivity}
      onFocusCapture={onActivity}
    >
      <PlayerHeading title={title} {...(named ? { program: { slug: named.programSlug, title: named.programTitle } } : {})} />
      <PlayerSignedOutNotice show={signedOutNotice} workoutId={workoutId} />
      <p id={`${idPrefix}-keys`} className="visually-hidden">
        Keyboard: Space or K play and pause, J and L or the left and right arrow keys seek, F full screen, M mute, C captions; the down
        arrow goes to the controls.
      </p>
      <div className="player__stage">
        {/* Its src and children (<track>, <source>) are the media engine's, the boot script's before hydration. */}
        <video
          ref={videoRef}
          suppressHydrationWarning
          dangerouslySetInnerHTML={ENGINE_OWNED_CHILDREN}
          className="player__video"
          playsInline
          preload="metadata"
          poster={hydrated ? posterSrc : undefined}
          onClick={() => commands.run({ type: 'toggle-play' })}
          onDoubleClick={toggleFullscreen}
          {...mediaEvents}
        />
        {busy && (
          <p className="player__status" role="status">
            {statusText}
          </p>
        )}
        {player.status === 'error' && player.failure && (
          <PlayerErrorPanel failure={player.failure} availableAt={player.availableAt} workoutId={workoutId} onRetry={retry} />
        )}
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
          onTogglePlay={() => commands.run({ type: 'toggle-play' })}
          onSeek={commands.seekTo}
          onVolume={commands.setVolume}
          onToggleMute={() => commands.run({ type: 'toggle-mute' })}
          onQuality={commands.chooseQuality}
          onToggleCaptions={commands.toggleCaptions}
          onToggleFullscreen={toggleFullscreen}
        />
      )}
    </section>
  );
}
