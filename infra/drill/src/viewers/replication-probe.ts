import { regionPinnedPath, progressReadPath } from '@stride/contract/region-routing';
import type { DrillEvent } from '../events';
import { sleep } from '../sleep';
import { ViewerHttp } from './http-client';
import type { ViewerAccount } from './light-viewer';

export interface ReplicationProbeOptions {
  readonly siteUrl: string;
  readonly account: ViewerAccount;
  readonly workoutId: string;
  /** Only `replication-probe` events go here: the probe is not a viewer. */
  readonly record: (event: DrillEvent) => void;
  readonly signal: AbortSignal;
  /** A new probe write this often (default 3 s). */
  readonly everyMs?: number;
  /** How often the secondary is read while waiting (default 100 ms: the lag's resolution). */
  readonly pollMs?: number;
  /** How long a write is waited for in the secondary before it counts as unseen (default 20 s). */
  readonly waitMs?: number;
  readonly fetch?: typeof fetch;
}

/** A position no viewer would save, so each probe write is recognizable: 1, 2, 3, … of a 6-hour "duration". */
const PROBE_DURATION_SEC = 6 * 3600;

/**
 * The replication lag as viewers get it, measured during the drill: every few seconds a progress
 * save written through the primary's pinned path (`/api/region/primary/…`, so it lands in the
 * primary's table whatever DNS says), then the secondary's pinned read path polled until it
 * shows that save. Lag = acknowledged by the primary → first seen through the secondary (an upper
 * bound by at most one poll interval; it includes a CloudFront round trip, as a viewer's would).
 * A write the primary did not acknowledge (it is down) measures nothing and is not recorded.
 */
export async function runReplicationProbe(options: ReplicationProbeOptions): Promise<void> {
  const { signal, workoutId } = options;
  const everyMs = options.everyMs ?? 3_000;
  const pollMs = options.pollMs ?? 100;
  const waitMs = options.waitMs ?? 20_000;
  const http = new ViewerHttp({
    siteUrl: options.siteUrl,
    record: () => undefined,
    signal,
    userAgent: 'stride-drill-replication-probe',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const fetchFn = options.fetch ?? fetch;
  const pinned = async (path: string, init: RequestInit = {}): Promise<Response | null> => {
    try {
      return await fetchFn(`${options.siteUrl}${path}`, {
        ...init,
        headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), cookie: http.jar.header() },
        signal: AbortSignal.timeout(5_000),
        redirect: 'manual',
      });
    } catch {
      return null;
    }
  };
  const { email, password } = options.account;
  while (!signal.aborted && !(await http.api('/api/auth/login', { method: 'POST', body: { email, password }, idempotent: true })).ok)
    await sleep(1_000, signal);

  for (let n = 1; !signal.aborted; n += 1) {
    const tickAt = Date.now();
    const positionSec = (n % PROBE_DURATION_SEC) + 1;
    const sentAt = Date.now();
    const write = await pinned(regionPinnedPath('primary', `/api/progress/${workoutId}`), {
      method: 'PUT',
      body: JSON.stringify({ positionSec, durationSec: PROBE_DURATION_SEC, savedAt: sentAt }),
    });
    await write?.body?.cancel().catch(() => undefined);
    if (write?.ok) {
      const ackedAt = Date.now();
      let seenAt: number | null = null;
      while (seenAt === null && !signal.aborted && Date.now() - ackedAt < waitMs) {
        const read = await pinned(regionPinnedPath('secondary', progressReadPath(workoutId)));
        if (read && !read.ok) await read.body?.cancel().catch(() => undefined);
        const body = read?.ok ? ((await read.json().catch(() => null)) as { positionSec?: number } | null) : null;
        if (body?.positionSec === positionSec) seenAt = Date.now();
        else await sleep(pollMs, signal);
      }
      // A probe cut short by the drill's end measured nothing.
      if (seenAt !== null || Date.now() - ackedAt >= waitMs) options.record({ t: ackedAt, type: 'replication-probe', sentAt, seenAt });
    }
    await sleep(Math.max(0, everyMs - (Date.now() - tickAt)), signal);
  }
}
