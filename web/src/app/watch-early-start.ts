import { matchPath } from 'react-router';
import { ensureApiFeatures } from './lazy-features';
import { WATCH_ROUTE_PATH } from './route-table';
import type { AppStore } from './store';

/**
 * Starts a play's requests before the player renders: on a page load of /watch/<id> beside the
 * route's own code (before hydration), and when a navigation to it starts (a click). The player
 * finds the playback grant, the resume point and hls.js's chunk in the cache or in flight
 * (features/player/early-start.ts). Anything else: nothing.
 */
export async function startWatchEarly(store: AppStore, pathname: string): Promise<void> {
  const id = matchPath(`/${WATCH_ROUTE_PATH}`, pathname)?.params.id;
  if (!id) return;
  const [, early] = await Promise.all([ensureApiFeatures(), import('../features/player/early-start')]);
  early.startPlaybackEarly(store.dispatch, id);
}
