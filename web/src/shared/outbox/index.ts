import { browserFallbackDeps } from '../api/region-fallback';
import { createOutbox, type Outbox, type OutboxLocks } from './outbox';
import type { ProgressWrite } from './outbox-entries';

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
 * On a page load with a signed-in viewer, and on signing in (with the viewer's id): what an
 * earlier page (a closed tab, a reload, an outage) left unsent goes now, held 401s included (the
 * viewer has a session again). Another viewer's writes are dropped (see `Outbox.signedIn`).
 */
export function deliverPendingWrites(userId?: string): Promise<void> {
  return pageOutbox().signedIn(userId);
}

/** A workout's position still waiting in this browser's outbox; none where there is no page (prerender). */
export function pendingOutboxProgress(workoutId: string): ProgressWrite | undefined {
  return typeof window === 'undefined' ? undefined : pageOutbox().pendingProgress(workoutId);
}

/** Tests: a fresh outbox next time (the storage is theirs to clear). */
export function forgetPageOutbox(): void {
  outbox?.stop();
  outbox = undefined;
}
