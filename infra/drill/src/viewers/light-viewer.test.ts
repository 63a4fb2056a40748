import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DrillEvent } from '../events';
import { emptyRouteCounts } from './http-client';
import { LightViewer, type ViewerWrite } from './light-viewer';

beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
afterEach(() => vi.useRealTimers());

const MASTER = '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=145200\n240p/index.m3u8\n';
const MEDIA = `#EXTM3U\n#EXT-X-TARGETDURATION:2\n${Array.from({ length: 20 }, (_, i) => `#EXTINF:2.0,\nseg${i}.ts\n`).join('')}#EXT-X-ENDLIST\n`;

/**
 * The site as a viewer sees it while the primary is dead and Route 53 has not flipped: every
 * default API path answers 500 (API Gateway's answer for a throttled Lambda), the secondary's
 * pinned paths answer from its table. `writesDown` makes every write fail in both regions.
 */
function fakeSite() {
  const table = { position: null as null | { positionSec: number; savedAt: number }, milestones: new Set<string>() };
  const state = { writesDown: false, writesSignedOut: false, paths: [] as string[], writeBodies: [] as string[] };
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(body === null ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', 'x-stride-region': 'us-west-1', ...headers },
    });
  const fetchFn = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const method = (init?.method ?? 'GET').toUpperCase();
    state.paths.push(`${method} ${url.pathname}${url.search}`);
    if (url.pathname.startsWith('/media/')) {
      if (url.pathname.endsWith('master.m3u8')) return new Response(MASTER);
      if (url.pathname.endsWith('index.m3u8')) return new Response(MEDIA);
      return new Response('x'.repeat(100));
    }
    if (!url.pathname.startsWith('/api/region/secondary/'))
      return new Response('{"message":"Internal Server Error"}', { status: 500, headers: { 'x-stride-region': 'us-east-1' } });
    const path = url.pathname.slice('/api/region/secondary'.length);
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    if (path === '/auth/login') return json(200, { user: {} }, { 'set-cookie': 'stride_session=s1; Path=/; HttpOnly' });
    if (!new Headers(init?.headers).get('cookie')?.includes('stride_session=s1')) return json(401, { error: 'signed out' });
    if (method !== 'GET' && path !== '/auth/login') state.writeBodies.push(String(init?.body));
    if (method !== 'GET' && state.writesSignedOut) return json(401, { error: 'signed out' });
    if (method !== 'GET' && state.writesDown) return json(503, { message: 'Service Unavailable' });
    if (path === '/playback/w-1') return json(200, { hlsUrl: '/media/w-1/master.m3u8', workout: { durationSec: 40 } });
    if (path === '/progress' && url.search === '?workout=w-1')
      return json(200, { workoutId: 'w-1', ...(table.position ?? { positionSec: 0 }), durationSec: 40 });
    if (path === '/progress/w-1' && method === 'PUT') {
      const save = body as { positionSec: number; savedAt: number };
      if (!table.position || table.position.savedAt < save.savedAt) table.position = save;
      return new Response(null, { status: 204, headers: { 'x-stride-region': 'us-west-1' } });
    }
    if (path === '/views' && method === 'POST') {
      table.milestones.add(String(body.eventId));
      return json(200, {});
    }
    return json(404, { error: `no route ${path}` });
  };
  return { table, state, fetchFn };
}

function viewer(site: ReturnType<typeof fakeSite>, stop: AbortController, signInEvery = 0) {
  const events: DrillEvent[] = [];
  const writes: ViewerWrite[] = [];
  const routes = emptyRouteCounts();
  vi.stubGlobal('fetch', site.fetchFn);
  const v = new LightViewer({
    name: 'viewer-1',
    account: { id: 'u-drill-1', email: 'drill-1@stride.test', password: 'pw' },
    siteUrl: 'http://site.test',
    workoutId: 'w-1',
    record: (e) => events.push(e),
    recordWrite: (w) => writes.push(w),
    playSec: 12,
    gapSec: 1,
    signal: stop.signal,
    signInEvery,
    drainMs: 5_000,
    routes,
  });
  return { v, events, writes, routes };
}

describe('a light viewer through the app’s request function and its outbox (fake site: the primary dead, DNS not flipped)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('signs in, plays and saves through the secondary’s pinned paths: no failed play, every write acknowledged', async () => {
    const site = fakeSite();
    const stop = new AbortController();
    const { v, events, writes, routes } = viewer(site, stop);
    const run = v.run();
    await vi.advanceTimersByTimeAsync(14_000);
    stop.abort();
    await vi.advanceTimersByTimeAsync(6_000);
    await run;

    expect(v.stats.plays).toBeGreaterThanOrEqual(1);
    expect(v.stats.failedPlays).toBe(0);
    expect(events.find((e) => e.type === 'sign-in')).toMatchObject({ ok: true, region: 'us-west-1' });
    expect(events.some((e) => e.type === 'first-frame')).toBe(true);
    // The default path failed and the secondary's pinned path answered: the app's fallback, not a copy of it.
    expect(site.state.paths).toContain('POST /api/auth/login');
    expect(site.state.paths).toContain('POST /api/region/secondary/auth/login');
    expect(site.state.paths).toContain('GET /api/region/secondary/progress?workout=w-1');
    expect(routes.secondary).toBeGreaterThan(0);
    // Saves every 10 s and on leave, milestones: all acknowledged; the table holds the newest save.
    const saves = writes.filter((w) => w.kind === 'progress');
    expect(saves.length).toBeGreaterThanOrEqual(2);
    expect(saves.every((w) => w.outcome === 'acked')).toBe(true);
    const newest = saves.reduce((a, b) => (b.t > a.t ? b : a));
    expect(site.table.position?.positionSec).toBe(newest.positionSec);
    expect(writes.filter((w) => w.kind === 'milestone').map((w) => w.outcome)).toContain('acked');
    expect(site.table.milestones.size).toBe(writes.filter((w) => w.kind === 'milestone').length);
  });

  it('keeps writes no region takes and delivers them in the drain once one does; the newest save wins', async () => {
    const site = fakeSite();
    site.state.writesDown = true;
    const stop = new AbortController();
    const { v, writes } = viewer(site, stop);
    const run = v.run();
    await vi.advanceTimersByTimeAsync(14_000);
    expect(writes.filter((w) => w.outcome === 'acked')).toEqual([]);
    stop.abort();
    site.state.writesDown = false;
    await vi.advanceTimersByTimeAsync(6_000);
    await run;
    const saves = writes.filter((w) => w.kind === 'progress');
    // Each save settled: acknowledged, or replaced by a newer one while it waited (one on its way when the newer came settles by its own answer).
    expect(saves.length).toBeGreaterThanOrEqual(2);
    expect(saves.every((w) => w.outcome === 'acked' || w.outcome === 'superseded')).toBe(true);
    const newest = saves.reduce((a, b) => (b.t > a.t ? b : a));
    expect(newest.outcome).toBe('acked');
    expect(site.table.position?.positionSec).toBe(newest.positionSec);
  });

  it('what no region took by the end of the drain is unacked (a lost write)', async () => {
    const site = fakeSite();
    site.state.writesDown = true;
    const stop = new AbortController();
    const { v, writes } = viewer(site, stop);
    const run = v.run();
    await vi.advanceTimersByTimeAsync(14_000);
    stop.abort();
    await vi.advanceTimersByTimeAsync(8_000);
    await run;
    expect(writes.filter((w) => w.kind === 'progress').map((w) => w.outcome)).toContain('unacked');
    expect(writes.some((w) => w.outcome === 'acked')).toBe(false);
    expect(site.table.position).toBeNull();
  });

  it('holds writes refused with 401 (the app’s rule: never dropped, never retried) until the viewer signs in again', async () => {
    const site = fakeSite();
    site.state.writesSignedOut = true;
    const stop = new AbortController();
    const { v, writes } = viewer(site, stop, 3);
    const run = v.run();
    // Two plays of 12 s; the viewer signs in again only before the third.
    await vi.advanceTimersByTimeAsync(25_000);
    // Each write reached a region once and was refused, then held: no backoff retries, nothing dropped.
    expect(site.state.writeBodies.length).toBeGreaterThanOrEqual(2);
    expect(new Set(site.state.writeBodies).size).toBe(site.state.writeBodies.length);
    expect(writes).toEqual([]);
    site.state.writesSignedOut = false;
    // The third play signs in again first: the held writes go with the new session.
    await vi.advanceTimersByTimeAsync(3_000);
    expect(writes.filter((w) => w.outcome === 'acked').length).toBeGreaterThan(0);
    stop.abort();
    await vi.advanceTimersByTimeAsync(6_000);
    await run;
    expect(writes.some((w) => w.outcome === 'rejected' || w.outcome === 'unacked')).toBe(false);
    expect(site.table.milestones.size).toBe(writes.filter((w) => w.kind === 'milestone').length);
  });
});
