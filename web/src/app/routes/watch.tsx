import { useParams } from 'react-router';
import { Player } from '../../features/player';

/**
 * Loaded lazily (see route-table.tsx): the player's code is not in other pages' bundles. The
 * prerendered shell serves every id; the Player renders nothing id-specific until after mount.
 */
export function WatchRoute() {
  return <Player workoutId={useParams().id ?? ''} />;
}

