import { isSignedInHint } from '../shared/api/signed-in-hint';
import type { AppStore } from './store';

let browserStore: AppStore | undefined;
let installing: Promise<void> | undefined;

/** The browser's one store (entry-client): it gets the lazy slices' state as soon as they load. */
export function bindBrowserStore(store: AppStore): void {
  browserStore = store;
}

/**
 * Loads and installs session, player and the `/api` API (RTK Query) once; the routes that use
 * them (login, account, watch) await it in their `lazy`. The prerender installs them up front
 * (entry-server), so this resolves at once there.
 */
export function ensureApiFeatures(): Promise<void> {
  installing ??= import('./api-features').then(({ installApiFeatures }) => {
    installApiFeatures(browserStore ? [browserStore] : []);
    deliverPendingWritesIfSignedIn();
  });
  return installing;
}

/**
 * Writes an earlier page left in the outbox (a reload, a closed tab, an outage) go on the next
 * page that loads the `/api` features with a signed-in viewer; signed out they wait for a sign-in.
 */
function deliverPendingWritesIfSignedIn(): void {
  if (typeof document === 'undefined' || !isSignedInHint(document.cookie)) return;
  void import('../shared/outbox').then(({ deliverPendingWrites }) => deliverPendingWrites());
}
