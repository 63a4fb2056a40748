import { useParams } from 'react-router';
import { Player, selectWorkoutTitle } from '../../features/player';
import type { RouteHandle } from '../page-title';

/**
 * Loaded lazily (see route-table.tsx): the player's code is not in other pages' bundles. The
 * prerendered shell serves every id; the Player renders nothing id-specific until after mount.
 */
export function WatchRoute() {
  return <Player workoutId={useParams().id ?? ''} />;
}

/**
 * The tab names the workout once the playback answer has it; until then (and in the shared
 * prerendered shell, which serves every id) it says "Player".
 */
export const watchHandle: RouteHandle = {
  title: (state, params) => selectWorkoutTitle(state, params.id ?? '') ?? 'Player',
};
