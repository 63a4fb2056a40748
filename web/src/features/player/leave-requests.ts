import type { ProgressSave } from '@stride/contract/api-shapes';
import type { ViewEvent } from './playerApi';

/**
 * Requests sent while the page is going away (pagehide, closing the tab, leaving /watch), when an
 * ordinary fetch would be cancelled: sendBeacon for view events, a keepalive fetch for the
 * progress PUT (sendBeacon can only POST). Fire-and-forget by nature, so they live here and not
 * in RTK Query, which would track a result nobody will see.
 */
export function beaconViewEvents(events: readonly ViewEvent[]): void {
  for (const event of events) {
    const body = new Blob([JSON.stringify(event)], { type: 'application/json' });
    const queued = typeof navigator.sendBeacon === 'function' && navigator.sendBeacon('/api/views', body);
    if (!queued) void fetch('/api/views', { method: 'POST', body, keepalive: true, credentials: 'same-origin' }).catch(() => undefined);
  }
}

export function saveProgressOnLeave(workoutId: string, progress: ProgressSave): void {
  void fetch(`/api/progress/${encodeURIComponent(workoutId)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ positionSec: progress.positionSec, durationSec: progress.durationSec, savedAt: progress.savedAt }),
    keepalive: true,
    credentials: 'same-origin',
  }).catch(() => undefined);
}
