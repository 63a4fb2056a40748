import { browserFallbackDeps } from '../api/region-fallback';
import { createOutbox, type Outbox, type OutboxLocks } from './outbox';

export type { Outbox } from './outbox';
export type { OutboxWrite, ProgressWrite, ViewWrite } from './outbox-entries';

let outbox: Outbox | undefined;

/**
 * The page's one outbox, over localStorage and the page's shared route memory (made on first
 * use, in the browser only). It loads with the player and the `/api` features, not with every
 * page's initial JavaScript.
 */
export function pageOutbox(): Outbox {
  outbox ??= createOutbox({
    storage: window.localStorage,
    fallback: browserFallbackDeps(),
    ...('locks' in navigator ? { locks: navigator.locks as OutboxLocks } : {}),
    sendBeacon: (url, body) => typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(url, body),
  });
  return outbox;
}

/**
 * On a page load with a signed-in viewer: what an earlier page (a closed tab, a reload, an
 * outage) left unsent goes now, held 401s included (the viewer has a session again).
 */
export function deliverPendingWrites(): Promise<void> {
  return pageOutbox().signedIn();
}

/** Tests: a fresh outbox next time (the storage is theirs to clear). */
export function forgetPageOutbox(): void {
  outbox?.stop();
  outbox = undefined;
}
