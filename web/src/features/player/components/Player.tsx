import { PlayerSession, type PlayerSessionProps } from './PlayerSession';

export type PlayerProps = PlayerSessionProps;

/**
 * The /watch player: one visit per workout (keyed by id, so another workout starts a fresh play).
 * The prerendered /watch shell is one HTML file for every workout id: the session renders the same
 * neutral stage on the server and in the first client render (its <video> included, which the
 * page's boot script may already be playing: watch-boot.ts), and names the workout only after
 * hydration.
 */
export function Player(props: PlayerProps) {
  return <PlayerSession key={props.workoutId} {...props} />;
}
