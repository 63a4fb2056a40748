import { useHydrated } from '../../../shared/ui/use-hydrated';
import { PlayerHeading } from './PlayerHeading';
import { PlayerSession, type PlayerSessionProps } from './PlayerSession';

export type PlayerProps = PlayerSessionProps;

/**
 * The /watch player. The prerendered /watch shell is one HTML file for every workout id, so the
 * server and the first client render show the same neutral stage; the per-workout player mounts
 * right after hydration (keyed by id, so another workout starts a fresh play). Both carry the
 * same generic, visually hidden h1 until the playback answer names the workout.
 */
export function Player(props: PlayerProps) {
  const hydrated = useHydrated();
  if (!hydrated) {
    return (
      <section className="player" aria-label="Video player">
        <PlayerHeading />
        <div className="player__stage">
          <p className="player__status" role="status">
            Loading the player…
          </p>
        </div>
      </section>
    );
  }
  return <PlayerSession key={props.workoutId} {...props} />;
}
