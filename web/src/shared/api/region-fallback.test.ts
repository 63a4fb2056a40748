import { HEDGE_READ_AFTER_MS } from '@stride/contract/region-routing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ATTEMPT_TIMEOUT_MS,
  createRouteMemory,
  hedgeRoute,
  preferredPath,
  requestWithFallback,
  ROUTE_MEMORY_MS,
  routeOrder,
  routePath,
  type AttemptReport,
  type FallbackDeps,
  type RouteMemory,
} from './region-fallback';

/** What one try is answered with: a status, a dropped connection, or nothing until aborted. */
type Reply = number | 'drop' | 'hang' | { status: number; afterMs: number } | { status: number; headers: Record<string, string> };

interface Sent {
  readonly url: string;
  readonly method: string;
  readonly body: string | undefined;
  readonly signal: AbortSignal;
}

/** A fetch answering each path from its own queue of replies (the last one repeats). */
function fakeFetch(replies: Record<string, Reply[]>) {
  const sent: Sent[] = [];
  const fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const signal = init?.signal ?? new AbortController().signal;
    sent.push({ url, method: init?.method ?? 'GET', body: typeof init?.body === 'string' ? init.body : undefined, signal });
    const queue = replies[url] ?? [404];
    const reply = (queue.length > 1 ? queue.shift() : queue[0]) as Reply;
    return new Promise<Response>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason as Error));
      if (reply === 'hang') return;
      if (reply === 'drop') return reject(new TypeError('fetch failed'));
      if (typeof reply === 'number')
        return resolve(new Response(reply === 204 ? null : JSON.stringify({ status: reply }), { status: reply }));
      if ('afterMs' in reply) {
        setTimeout(() => resolve(new Response('{}', { status: reply.status })), reply.afterMs);
        return;
      }
      resolve(new Response('{}', { status: reply.status, headers: reply.headers }));
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, sent, urls: () => sent.map((s) => s.url) };
}

const D = '/api/progress/w-1';
const S = '/api/region/secondary/progress/w-1';
const P = '/api/region/primary/progress/w-1';
const GET_D = '/api/playback/w-1';
const GET_S = '/api/region/secondary/playback/w-1';
const GET_P = '/api/region/primary/playback/w-1';

describe('routes', () => {
  it('pins a path to a region, and re-pins a pinned one', () => {
    expect(routePath('default', D)).toBe(D);
    expect(routePath('secondary', '/api/progress?workout=w-1')).toBe('/api/region/secondary/progress?workout=w-1');
    expect(routePath('primary', S)).toBe(P);
    expect(routePath('default', S)).toBe(D);
  });

  it('tries the preferred route first, then the default path, the secondary and the primary', () => {
    expect(routeOrder('default')).toEqual(['default', 'secondary', 'primary']);
    expect(routeOrder('secondary')).toEqual(['secondary', 'default', 'primary']);
    expect(routeOrder('primary')).toEqual(['primary', 'default', 'secondary']);
  });

  it('hedges to the secondary, or to the primary when the read went to the secondary', () => {
    expect(hedgeRoute('default')).toBe('secondary');
    expect(hedgeRoute('primary')).toBe('secondary');
    expect(hedgeRoute('secondary')).toBe('primary');
  });

  it('remembers for as long as Route 53 may take to flip at AWS defaults (180 s)', () => {
    expect(ROUTE_MEMORY_MS).toBe(180_000);
  });
});

describe('createRouteMemory', () => {
  it('prefers a fallback that answered until it expires, counted from when it first answered', () => {
    const memory = createRouteMemory(1_000);
    expect(memory.preferred(0)).toBe('default');
    memory.worked('secondary', 100);
    memory.worked('secondary', 900);
    expect(memory.preferred(1_099)).toBe('secondary');
    expect(preferredPath('/api/views', memory, 1_099)).toBe('/api/region/secondary/views');
    expect(memory.preferred(1_100)).toBe('default');
  });

  it('forgets a fallback that failed, or when the default path answered', () => {
    const memory = createRouteMemory(1_000);
    memory.worked('secondary', 0);
    memory.failed('primary');
    expect(memory.preferred(1)).toBe('secondary');
    memory.failed('secondary');
    expect(memory.preferred(1)).toBe('default');
    memory.worked('primary', 2);
    memory.worked('default', 3);
    expect(memory.preferred(4)).toBe('default');
  });
});

describe('requestWithFallback', () => {
  let memory: RouteMemory;
  let sleeps: number[];
  let reports: AttemptReport[];
  const deps = (fetch: typeof globalThis.fetch, extra: Partial<FallbackDeps> = {}): FallbackDeps => ({
    fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    now: Date.now,
    random: () => 0.5,
    memory,
    policy: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000 },
    onAttempt: (report) => reports.push(report),
    ...extra,
  });
  const put = { method: 'PUT', body: '{"positionSec":10}' };

  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
    memory = createRouteMemory();
    sleeps = [];
    reports = [];
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends a request that the default path answers once, there', async () => {
    const api = fakeFetch({ [D]: [204] });
    expect((await requestWithFallback(D, put, deps(api.fetch))).status).toBe(204);
    expect(api.urls()).toEqual([D]);
    expect(memory.preferred(Date.now())).toBe('default');
  });

  it.each([500, 502, 503, 504, 429, 'drop'] as const)(
    'sends a PUT that failed on the default path with %s at once to the secondary, with the same body',
    async (failure) => {
      const api = fakeFetch({ [D]: [failure], [S]: [204] });
      expect((await requestWithFallback(D, put, deps(api.fetch))).status).toBe(204);
      expect(api.urls()).toEqual([D, S]);
      expect(api.sent[1]?.body).toBe(put.body);
      expect(sleeps).toEqual([]);
    },
  );

  it('tries the pinned paths in FALLBACK_ROLES order, then backs off and starts the next round where the memory says', async () => {
    const api = fakeFetch({ [D]: [503], [S]: ['drop'], [P]: [500, 204] });
    expect((await requestWithFallback(D, put, deps(api.fetch))).status).toBe(204);
    expect(api.urls()).toEqual([D, S, P, D, S, P]);
    expect(sleeps).toEqual([50]);
    expect(memory.preferred(Date.now())).toBe('primary');
  });

  it('starts the next request on the route that answered, until the memory expires', async () => {
    const api = fakeFetch({ [D]: [500], [S]: [204] });
    await requestWithFallback(D, put, deps(api.fetch));
    await requestWithFallback(D, put, deps(api.fetch));
    expect(api.urls()).toEqual([D, S, S]);
    vi.advanceTimersByTime(ROUTE_MEMORY_MS);
    await requestWithFallback(D, put, deps(api.fetch));
    expect(api.urls()).toEqual([D, S, S, D, S]);
  });

  it.each([400, 401, 403, 404, 409, 451])('never sends a request answered %s elsewhere, nor again', async (status) => {
    const api = fakeFetch({ [D]: [status], [S]: [204] });
    expect((await requestWithFallback(D, put, deps(api.fetch))).status).toBe(status);
    expect(api.urls()).toEqual([D]);
    expect(sleeps).toEqual([]);
  });

  it('sends an unmarked POST once, on the preferred route, and a POST marked idempotent everywhere', async () => {
    const api = fakeFetch({ '/api/auth/signup': [500], '/api/region/secondary/auth/signup': [201] });
    expect((await requestWithFallback('/api/auth/signup', { method: 'POST', body: '{}' }, deps(api.fetch))).status).toBe(500);
    expect(api.urls()).toEqual(['/api/auth/signup']);

    const views = fakeFetch({ '/api/views': [500], '/api/region/secondary/views': [202] });
    const marked = { method: 'POST', body: '{}', idempotent: true };
    expect((await requestWithFallback('/api/views', marked, deps(views.fetch))).status).toBe(202);
    expect(views.urls()).toEqual(['/api/views', '/api/region/secondary/views']);
    // The memory now sends even an unmarked POST to the region that answered.
    await requestWithFallback('/api/auth/signup', { method: 'POST', body: '{}' }, deps(api.fetch));
    expect(api.urls()).toEqual(['/api/auth/signup', '/api/region/secondary/auth/signup']);
  });

  it('gives up after the policy rounds with the last failed answer', async () => {
    const api = fakeFetch({ [D]: [503], [S]: [503], [P]: [503] });
    const response = await requestWithFallback(D, put, deps(api.fetch));
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 503 });
    expect(api.sent).toHaveLength(9);
    expect(sleeps).toEqual([50, 100]);
  });

  it('rejects with the network error when no route ever answered', async () => {
    const api = fakeFetch({ [D]: ['drop'], [S]: ['drop'], [P]: ['drop'] });
    await expect(requestWithFallback(D, put, deps(api.fetch))).rejects.toThrow('fetch failed');
  });

  it("waits a 429's Retry-After between rounds", async () => {
    const api = fakeFetch({ [D]: [429], [S]: [429], [P]: [{ status: 429, headers: { 'retry-after': '2' } }, 204] });
    expect((await requestWithFallback(D, put, deps(api.fetch))).status).toBe(204);
    expect(sleeps).toEqual([2_000]);
  });

  it('treats a try with no answer within ATTEMPT_TIMEOUT_MS as failed and falls back', async () => {
    const api = fakeFetch({ [D]: ['hang'], [S]: [204] });
    const done = requestWithFallback(D, put, deps(api.fetch));
    await vi.advanceTimersByTimeAsync(ATTEMPT_TIMEOUT_MS - 1);
    expect(api.urls()).toEqual([D]);
    await vi.advanceTimersByTimeAsync(1);
    expect((await done).status).toBe(204);
    expect(api.urls()).toEqual([D, S]);
    expect(api.sent[0]?.signal.aborted).toBe(true);
  });

  it('hedges a GET with no answer after HEDGE_READ_AFTER_MS to the secondary: the first answer wins, the other is aborted', async () => {
    const api = fakeFetch({ [GET_D]: ['hang'], [GET_S]: [{ status: 200, afterMs: 40 }] });
    const done = requestWithFallback(GET_D, {}, deps(api.fetch));
    await vi.advanceTimersByTimeAsync(HEDGE_READ_AFTER_MS - 1);
    expect(api.urls()).toEqual([GET_D]);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.urls()).toEqual([GET_D, GET_S]);
    await vi.advanceTimersByTimeAsync(40);
    expect((await done).status).toBe(200);
    expect(api.sent[0]?.signal.aborted).toBe(true);
    expect(api.sent[1]?.signal.aborted).toBe(false);
    expect(reports.map((r) => `${r.route} ${r.outcome}${r.hedge ? ' (hedge)' : ''}`)).toEqual([
      'secondary answer (hedge)',
      'default cancelled',
    ]);
  });

  it('keeps the first try when it answers after the hedge went out', async () => {
    const api = fakeFetch({ [GET_D]: [{ status: 200, afterMs: HEDGE_READ_AFTER_MS + 100 }], [GET_S]: ['hang'] });
    const done = requestWithFallback(GET_D, {}, deps(api.fetch));
    await vi.advanceTimersByTimeAsync(HEDGE_READ_AFTER_MS + 100);
    expect((await done).status).toBe(200);
    expect(api.urls()).toEqual([GET_D, GET_S]);
    expect(api.sent[1]?.signal.aborted).toBe(true);
    expect(memory.preferred(Date.now())).toBe('default');
  });

  it('sends no hedge for a read answered in time, and falls back at once when the read fails before the hedge', async () => {
    const fast = fakeFetch({ [GET_D]: [200] });
    await requestWithFallback(GET_D, {}, deps(fast.fetch));
    await vi.advanceTimersByTimeAsync(HEDGE_READ_AFTER_MS * 4);
    expect(fast.urls()).toEqual([GET_D]);

    const failing = fakeFetch({ [GET_D]: [500], [GET_S]: [502], [GET_P]: [200] });
    expect((await requestWithFallback(GET_D, {}, deps(failing.fetch))).status).toBe(200);
    expect(failing.urls()).toEqual([GET_D, GET_S, GET_P]);
  });

  it('does not send a route twice in a round when both hedged tries failed', async () => {
    const api = fakeFetch({
      [GET_D]: [{ status: 503, afterMs: HEDGE_READ_AFTER_MS + 10 }],
      [GET_S]: [{ status: 500, afterMs: 20 }],
      [GET_P]: [200],
    });
    const done = requestWithFallback(GET_D, {}, deps(api.fetch));
    await vi.advanceTimersByTimeAsync(HEDGE_READ_AFTER_MS + 20);
    expect((await done).status).toBe(200);
    expect(api.urls()).toEqual([GET_D, GET_S, GET_P]);
  });

  it('rejects once the caller aborts, and sends nothing more', async () => {
    const api = fakeFetch({ [D]: ['hang'] });
    const controller = new AbortController();
    const done = requestWithFallback(D, { ...put, signal: controller.signal }, deps(api.fetch));
    const rejected = expect(done).rejects.toBeDefined();
    controller.abort();
    await rejected;
    await vi.advanceTimersByTimeAsync(ATTEMPT_TIMEOUT_MS * 2);
    expect(api.urls()).toEqual([D]);
  });

  it('prefixes the origin for Node callers', async () => {
    const api = fakeFetch({ 'http://127.0.0.1:9/api/progress/w-1': [204] });
    await requestWithFallback(D, put, deps(api.fetch, { origin: 'http://127.0.0.1:9' }));
    expect(api.urls()).toEqual(['http://127.0.0.1:9/api/progress/w-1']);
  });
});
