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
  installing ??= import('./api-features').then(({ installApiFeatures }) => installApiFeatures(browserStore ? [browserStore] : []));
  return installing;
}
