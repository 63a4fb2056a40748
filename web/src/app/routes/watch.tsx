import { useParams } from 'react-router';
import { earlyPlaySettled, Player, selectWorkoutTitle } from '../../features/player';
import type { RouteHandle } from '../page-title';

// On a /watch page load the boot script (src/watch-boot.ts) is already playing into the shell:
// the app hydrates once the first frame is up (or the boot gave up, or after a cap), so the
// play's last steps do not wait behind hydration for the main thread. At once anywhere else.
await earlyPlaySettled();

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
