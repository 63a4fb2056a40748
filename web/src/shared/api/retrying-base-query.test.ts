import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BaseQueryApi, FetchArgs } from '@reduxjs/toolkit/query';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiUnauthorized } from './auth-events';
import { createRouteMemory } from './region-fallback';
import { createRetryingBaseQuery } from './retrying-base-query';

/** A real HTTP server on loopback answering from a per-test script of responses. */
type Reply = (req: IncomingMessage, res: ServerResponse) => void;
const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
const dropConnection: Reply = (req) => req.socket.destroy();
/** Never answers: a region gone dark. */
const silence: Reply = () => undefined;

let server: Server;
let baseUrl = '';
let script: Reply[] = [];
let seen: { method: string; url: string; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body });
      const reply = script.shift() ?? json(500, { message: 'test script ran out of replies' });
      reply(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);
beforeEach(() => {
  script = [];
  seen = [];
});

function harness(timeoutMs?: number) {
  const sleeps: number[] = [];
  const dispatched: unknown[] = [];
  const controller = new AbortController();
  const query = createRetryingBaseQuery({
    baseUrl,
    policy: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    now: () => 0,
    memory: createRouteMemory(),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  const api: BaseQueryApi = {
    signal: controller.signal,
    abort: () => controller.abort(),
    dispatch: (action: unknown) => {
      dispatched.push(action);
      return action;
    },
    getState: () => ({}),
    extra: undefined,
    endpoint: 'getMe',
    type: 'query',
  } as BaseQueryApi;
  return {
    sleeps,
    dispatched,
    controller,
    run: (args: string | FetchArgs, extra?: { idempotent?: boolean }) => query(args, api, extra ?? {}),
  };
}

describe('createRetryingBaseQuery against a loopback server', () => {
  it('returns the data of a successful GET after one request', async () => {
    script = [json(200, { ok: 1 })];
    const h = harness();
    expect(await h.run('me')).toMatchObject({ data: { ok: 1 } });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['GET /api/me']);
    expect(h.sleeps).toEqual([]);
  });

  it("sends a GET that failed with 503 to the secondary's pinned path, then the primary's, before any backoff", async () => {
    script = [json(503, { message: 'down' }), dropConnection, json(200, { ok: 2 })];
    const h = harness();
    expect(await h.run('me')).toMatchObject({ data: { ok: 2 } });
    expect(seen.map((s) => s.url)).toEqual(['/api/me', '/api/region/secondary/me', '/api/region/primary/me']);
    expect(h.sleeps).toEqual([]);
  });

  it('backs off between rounds over every route, growing', async () => {
    script = [...Array<Reply>(6).fill(json(503, {})), json(200, { ok: 5 })];
    const h = harness();
    expect(await h.run('me')).toMatchObject({ data: { ok: 5 } });
    expect(seen).toHaveLength(7);
    expect(h.sleeps).toEqual([50, 100]);
  });

  it('gives up after the bounded number of rounds and returns the last error', async () => {
    script = [...Array<Reply>(8).fill(json(502, {})), json(504, { message: 'still down' }), json(200, { never: true })];
    const h = harness();
    const result = await h.run('me');
    expect(result.error).toEqual({ status: 504, data: { message: 'still down' } });
    expect(seen).toHaveLength(9);
  });

  it('turns a write that hangs into a timeout and sends it to the other region', async () => {
    script = [silence, json(200, { ok: 6 })];
    const h = harness(200);
    expect(await h.run({ url: 'progress/w-1', method: 'PUT', body: { positionSec: 1 } })).toMatchObject({ data: { ok: 6 } });
    expect(seen.map((s) => s.url)).toEqual(['/api/progress/w-1', '/api/region/secondary/progress/w-1']);
  });

  it('reports a request no route answered in time as TIMEOUT_ERROR', async () => {
    script = [silence, silence, silence];
    const h = harness(100);
    const result = await h.run({ url: 'auth/signup', method: 'POST', body: {} });
    expect(result.error).toMatchObject({ status: 'TIMEOUT_ERROR' });
    expect(seen).toHaveLength(1);
  });

  it('judges a non-JSON gateway error page by its status', async () => {
    script = [
      (_req, res) => {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html>Bad Gateway</html>');
      },
      json(200, { ok: 3 }),
    ];
    expect(await harness().run('me')).toMatchObject({ data: { ok: 3 } });
  });

  it('honours Retry-After on 429', async () => {
    script = [...Array<Reply>(3).fill(json(429, { message: 'slow down' }, { 'retry-after': '2' })), json(200, { ok: 4 })];
    const h = harness();
    expect(await h.run('me')).toMatchObject({ data: { ok: 4 } });
    expect(h.sleeps).toEqual([2000]);
  });

  it('retries PUT, but not an unmarked POST', async () => {
    script = [json(500, {}), json(204, null)];
    const put = harness();
    await put.run({ url: 'progress/w-1', method: 'PUT', body: { positionSec: 10, durationSec: 100 } });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['PUT /api/progress/w-1', 'PUT /api/region/secondary/progress/w-1']);
    expect(seen[1]?.body).toBe('{"positionSec":10,"durationSec":100}');

    seen = [];
    script = [json(500, { message: 'boom' }), json(200, {})];
    const post = harness();
    expect((await post.run({ url: 'auth/signup', method: 'POST', body: {} })).error).toMatchObject({ status: 500 });
    expect(seen).toHaveLength(1);
  });

  it('retries a POST its endpoint marks idempotent', async () => {
    script = [json(503, {}), json(202, { accepted: true })];
    const h = harness();
    expect(await h.run({ url: 'views', method: 'POST', body: { event: 'start' } }, { idempotent: true })).toMatchObject({
      data: { accepted: true },
    });
    expect(seen).toHaveLength(2);
  });

  it('does not retry other 4xx', async () => {
    script = [json(403, { code: 'no-subscription' })];
    const h = harness();
    expect((await h.run('playback/w-1')).error).toEqual({ status: 403, data: { code: 'no-subscription' } });
    expect(seen).toHaveLength(1);
  });

  it('treats 401 as signed out: dispatches apiUnauthorized once and does not retry', async () => {
    script = [json(401, { message: 'no session' }), json(200, {})];
    const h = harness();
    expect((await h.run('me')).error).toMatchObject({ status: 401 });
    expect(seen).toHaveLength(1);
    expect(h.dispatched).toEqual([apiUnauthorized({ endpoint: 'getMe' })]);
  });

  it('stops retrying once the request is aborted', async () => {
    script = [json(503, {}), json(200, {})];
    const h = harness();
    h.controller.abort();
    const result = await h.run('me');
    expect(result.error).toBeDefined();
    expect(seen.length).toBeLessThanOrEqual(1);
  });
});
