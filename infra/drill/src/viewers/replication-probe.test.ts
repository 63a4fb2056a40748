import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DrillEvent } from '../events';
import { replicationLag } from '../figures';
import { runReplicationProbe } from './replication-probe';

beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
afterEach(() => vi.useRealTimers());

/** Two regions' tables behind pinned paths; a write reaches the secondary `lagMs` after the primary took it. */
function regions(lagMs: number) {
  const state = { primaryUp: true, primary: 0, secondary: 0, paths: [] as string[] };
  const fetchFn = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    state.paths.push(`${init?.method ?? 'GET'} ${url.pathname}`);
    if (url.pathname.endsWith('/auth/login')) return new Response('{}', { headers: { 'set-cookie': 'stride_session=p; Path=/' } });
    if (url.pathname === '/api/region/primary/progress/w-probe' && init?.method === 'PUT') {
      if (!state.primaryUp) return new Response('{"message":"Internal Server Error"}', { status: 500 });
      const { positionSec } = JSON.parse(String(init.body)) as { positionSec: number };
      state.primary = positionSec;
      setTimeout(() => (state.secondary = positionSec), lagMs);
      return new Response(null, { status: 204 });
    }
    if (url.pathname === '/api/region/secondary/progress' && url.search === '?workout=w-probe')
      return new Response(JSON.stringify({ workoutId: 'w-probe', positionSec: state.secondary, durationSec: 21_600 }));
    return new Response('{}', { status: 404 });
  };
  return { state, fetchFn };
}

describe('the replication probe', () => {
  it('writes through the primary’s pinned path and times it until the secondary’s pinned read shows it (to one poll interval)', async () => {
    const { state, fetchFn } = regions(700);
    const events: DrillEvent[] = [];
    const stop = new AbortController();
    const run = runReplicationProbe({
      siteUrl: 'http://site.test',
      account: { id: 'u-probe', email: 'probe@stride.test', password: 'pw' },
      workoutId: 'w-probe',
      record: (e) => events.push(e),
      signal: stop.signal,
      everyMs: 3_000,
      pollMs: 100,
      fetch: fetchFn,
    });
    await vi.advanceTimersByTimeAsync(6_500);
    // The primary dies: its writes are not acknowledged, so they measure nothing.
    state.primaryUp = false;
    await vi.advanceTimersByTimeAsync(6_000);
    stop.abort();
    await run;
    expect(state.paths).toContain('PUT /api/region/primary/progress/w-probe');
    expect(state.paths).toContain('GET /api/region/secondary/progress');
    const lag = replicationLag(events);
    expect(lag.probes).toBe(3);
    expect(lag.seen).toBe(3);
    expect(lag.p50Ms).toBeGreaterThanOrEqual(700);
    expect(lag.maxMs).toBeLessThanOrEqual(800);
  });

  it('a write the secondary never shows within the wait is recorded as unseen', async () => {
    const { fetchFn } = regions(60_000);
    const events: DrillEvent[] = [];
    const stop = new AbortController();
    const run = runReplicationProbe({
      siteUrl: 'http://site.test',
      account: { id: 'u-probe', email: 'probe@stride.test', password: 'pw' },
      workoutId: 'w-probe',
      record: (e) => events.push(e),
      signal: stop.signal,
      waitMs: 2_000,
      fetch: fetchFn,
    });
    await vi.advanceTimersByTimeAsync(2_500);
    stop.abort();
    await run;
    expect(events).toEqual([{ t: expect.any(Number), type: 'replication-probe', sentAt: expect.any(Number), seenAt: null }]);
  });
});
