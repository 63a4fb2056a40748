import { pageOutbox, type ProgressWrite } from '../../shared/outbox';

/**
 * Writes made while the page is going away (pagehide, closing the tab, leaving /watch), when an
 * ordinary fetch would be cancelled. They go through the outbox like every write: stored first
 * (a closed tab's last position is sent again on the next page load until a region acknowledges
 * it), then sent by sendBeacon (milestones, POST) or a keepalive fetch (the progress PUT;
 * sendBeacon can only POST) to the route the page's route memory says answers.
 */
export function saveProgressOnLeave(write: ProgressWrite): void {
  const outbox = pageOutbox();
  outbox.add(write, { send: false });
  outbox.sendOnLeave();
}

/** Every write still waiting (milestones an outage held back), sent the way that outlives the page. */
export function sendPendingWritesOnLeave(): void {
  pageOutbox().sendOnLeave();
}
