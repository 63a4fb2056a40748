import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeProtectedHeader, decodeJwt } from 'jose';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable, startDynamo, type LocalDynamo } from '../../local/src/data/dynamo';
import { seedDemoAccounts } from '../../local/src/data/demo-accounts';
import { SESSION_AUDIENCE, SESSION_ISSUER } from '@stride/contract/session';
import { FAILOVER_READ_PATH_PATTERNS } from '@stride/contract/region-routing';
import { testApiConfig } from './api-config.fixture';
import { httpApiEvent } from './apigw-event.fixture';
import { createApiHandler, type ApiHandler } from './handler';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { hashPassword } from './passwords';
import { keys } from './table';
import { UserRepository } from './users';
import { PREVIEW_COOKIE, PreviewTokens } from './previews';

// The handler against a real dynalite store through the real SDK (no mocks).
let dir = '';
let dynamo: LocalDynamo;
let db: ReturnType<LocalDynamo['documentClient']>;
let api: ApiHandler;
let now = new Date('2026-11-22T06:00:00Z');

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'stride-api-'));
  dynamo = await startDynamo(path.join(dir, 'db'));
  db = dynamo.documentClient('us-west-1');
  await ensureTable(db, 'stride-api-test');
  const users = new UserRepository(db, 'stride-api-test');
  await seedDemoAccounts(users);
  // A viewer of its own for "Continue watching", whose rows no other test touches.
  await users.createIfAbsent({
    id: 'u-cw',
    email: 'cw@stride.test',
    name: 'CW',
    passwordHash: await hashPassword('stride-demo-1'),
    subscription: 'active',
    createdAt: now.toISOString(),
  });
  await users.createIfAbsent({
    id: 'u-pp',
    email: 'pp@stride.test',
    name: 'PP',
    passwordHash: await hashPassword('stride-demo-1'),
    subscription: 'active',
    createdAt: now.toISOString(),
  });
  api = await createApiHandler(await testApiConfig({ db, tableName: 'stride-api-test', now: () => now }));
});
afterAll(async () => {
  await dynamo?.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (rawPath: string, body: string | undefined, contentType = 'application/json'): APIGatewayProxyEventV2 => {
  const event = httpApiEvent('POST', rawPath, body === undefined ? {} : { body });
  event.headers['content-type'] = contentType;
  return event;
};
const withCookies = (event: APIGatewayProxyEventV2, cookies: string[]) => ({
  ...event,
  cookies: cookies.map((c) => c.split(';')[0] ?? ''),
});
const body = (result: { body?: string }) => JSON.parse(result.body ?? '') as Record<string, unknown>;
const login = (email: string, password = 'stride-demo-1') => api(post('/api/auth/login', JSON.stringify({ email, password })));

describe('API handler', () => {
  it('answers ping with its region, uncached', async () => {
    const result = await api(httpApiEvent('GET', '/api/ping'));
    expect(result.statusCode).toBe(200);
    expect(body(result)).toEqual({ status: 'ok', region: 'us-west-1' });
    expect(result.headers).toMatchObject({ 'x-stride-region': 'us-west-1', 'cache-control': 'no-store' });
  });

  it('says 404 for an unknown route and 405 with Allow for a wrong method', async () => {
    const missing = await api(httpApiEvent('GET', '/api/nope'));
    expect(missing.statusCode).toBe(404);
    expect(body(missing)).toEqual({ error: 'No API route at /api/nope' });
    const wrong = await api(httpApiEvent('DELETE', '/api/ping'));
    expect(wrong.statusCode).toBe(405);
    expect(wrong.headers.allow).toBe('GET');
  });
});

describe('sign-in', () => {
  it('sets an RS256 stride_session with exactly iss, aud, sub, iat, exp and a kid', async () => {
    const result = await login('Demo@Stride.test ');
    expect(result.statusCode).toBe(200);
    expect(body(result)).toEqual({
      user: { id: 'u-demo', email: 'demo@stride.test', name: 'Demo Viewer', subscription: { status: 'active', endsAt: null } },
    });
    const cookie = result.cookies?.[0] ?? '';
    expect(cookie).toMatch(/^stride_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=28800; Secure$/);
    // The readable hint that the viewer is signed in: same lifetime, not HttpOnly.
    expect(result.cookies?.[1]).toBe('stride_signed_in=1; Path=/; SameSite=Lax; Max-Age=28800; Secure');
    expect(result.cookies).toHaveLength(2);
    const token = cookie.slice('stride_session='.length).split(';')[0] ?? '';
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', kid: 'test-kid' });
    const claims = decodeJwt(token);
    expect(Object.keys(claims).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'sub']);
    expect(claims).toMatchObject({
      iss: SESSION_ISSUER,
      aud: SESSION_AUDIENCE,
      sub: 'u-demo',
      iat: now.getTime() / 1000,
      exp: now.getTime() / 1000 + 28800,
    });
  });

  it('says 401 with one message for a wrong password or an unknown email', async () => {
    for (const result of [await login('demo@stride.test', 'wrong'), await login('nobody@stride.test')]) {
      expect(result.statusCode).toBe(401);
      expect(body(result)).toEqual({ error: 'Email or password is incorrect' });
      expect(result.cookies).toBeUndefined();
    }
  });

  it.each([
    ['not json', '{', 'application/json', 400, 'The request body is not valid JSON'],
    ['missing password', '{"email":"demo@stride.test"}', 'application/json', 400, 'password: must be a string'],
    ['wrong type', '{"email":42,"password":"x"}', 'application/json', 400, 'email: must be a string'],
    ['not an email', '{"email":"demo","password":"x"}', 'application/json', 400, 'email: must be an email address'],
    ['extra field', '{"email":"demo@stride.test","password":"x","admin":true}', 'application/json', 400, 'Unrecognized key'],
    ['array body', '[]', 'application/json', 400, 'body:'],
    ['form body', 'email=x', 'application/x-www-form-urlencoded', 415, 'Content-Type: application/json'],
  ])('rejects %s with %i and a message', async (_name, raw, type, status, message) => {
    const result = await api(post('/api/auth/login', raw, type));
    expect(result.statusCode).toBe(status);
    expect(String(body(result).error)).toContain(message);
  });
});

describe('me and logout', () => {
  it('knows the signed-in user and 401s otherwise (missing, forged, expired)', async () => {
    const cookies = (await login('free@stride.test')).cookies ?? [];
    const me = await api(withCookies(httpApiEvent('GET', '/api/me'), cookies));
    expect(me.statusCode).toBe(200);
    expect(body(me)).toMatchObject({ user: { id: 'u-free', subscription: { status: 'none' } } });
    expect((await api(httpApiEvent('GET', '/api/me'))).statusCode).toBe(401);
    expect((await api(withCookies(httpApiEvent('GET', '/api/me'), ['stride_session=a.b.c']))).statusCode).toBe(401);
    const saved = now;
    // Past exp by more than the clock tolerance the edge and the API share (30 s).
    now = new Date(now.getTime() + 8 * 3600 * 1000 + 31_000);
    try {
      expect((await api(withCookies(httpApiEvent('GET', '/api/me'), cookies))).statusCode).toBe(401);
    } finally {
      now = saved;
    }
  });

  it('logout expires the session, signed-in hint and media cookies', async () => {
    const result = await api(post('/api/auth/logout', undefined));
    expect(result.statusCode).toBe(200);
    expect((result.cookies ?? []).map((c) => c.split('=')[0])).toEqual([
      'stride_session',
      'stride_signed_in',
      'CloudFront-Policy',
      'CloudFront-Signature',
      'CloudFront-Key-Pair-Id',
    ]);
    for (const cookie of result.cookies ?? []) expect(cookie).toContain('Max-Age=0');
    expect(result.cookies?.[1]).toBe('stride_signed_in=; Path=/; SameSite=Lax; Max-Age=0; Secure');
  });
});

describe('the signed-in hint on a 401', () => {
  const clearedHint = 'stride_signed_in=; Path=/; SameSite=Lax; Max-Age=0; Secure';

  it('is cleared when a request claiming to be signed in is refused, on every route', async () => {
    const expired = ['stride_session=a.b.c', 'stride_signed_in=1'];
    for (const event of [
      httpApiEvent('GET', '/api/me'),
      httpApiEvent('GET', '/api/progress'),
      httpApiEvent('GET', '/api/playback/w-hiit30-01'),
      httpApiEvent('GET', '/api/progress/w-hiit30-01'),
    ]) {
      const result = await api(withCookies(event, expired));
      expect(result.statusCode, event.rawPath).toBe(401);
      expect(result.cookies, event.rawPath).toEqual([clearedHint]);
    }
  });

  it('is not sent when the request had no hint, nor on other answers', async () => {
    expect((await api(withCookies(httpApiEvent('GET', '/api/me'), ['stride_session=a.b.c']))).cookies).toBeUndefined();
    const demo = (await login('demo@stride.test')).cookies ?? [];
    const ok = await api(withCookies(httpApiEvent('GET', '/api/me'), demo));
    expect(ok.statusCode).toBe(200);
    expect(ok.cookies).toBeUndefined();
    const notFound = await api(withCookies(httpApiEvent('GET', '/api/progress/w-nope'), demo));
    expect(notFound.statusCode).toBe(404);
    expect(notFound.cookies).toBeUndefined();
  });

  it('is kept when sign-in refuses a password: that says nothing of the current session', async () => {
    const result = await api(
      withCookies(post('/api/auth/login', JSON.stringify({ email: 'demo@stride.test', password: 'wrong' })), ['stride_signed_in=1']),
    );
    expect(result.statusCode).toBe(401);
    expect(result.cookies).toBeUndefined();
  });
});

describe('playback', () => {
  const play = async (id: string, email?: string) => {
    const cookies = email ? ((await login(email)).cookies ?? []) : [];
    return api(withCookies(httpApiEvent('GET', `/api/playback/${id}`), cookies));
  };

  it('401 signed out, 403 without a subscription, 404 unknown workout, 400 malformed id', async () => {
    expect((await play('w-hiit30-01')).statusCode).toBe(401);
    expect((await play('w-hiit30-01', 'free@stride.test')).statusCode).toBe(403);
    expect((await play('w-does-not-exist', 'demo@stride.test')).statusCode).toBe(404);
    const bad = await play('..%2Fetc', 'demo@stride.test');
    expect(bad.statusCode).toBe(400);
    expect(String(body(bad).error)).toContain('is not a workout id');
  });

  it('gives the HLS URL and CloudFront signed cookies scoped to the workout media', async () => {
    const result = await play('w-hiit30-01', 'demo@stride.test');
    expect(result.statusCode).toBe(200);
    expect(body(result)).toEqual({
      workoutId: 'w-hiit30-01',
      hlsUrl: '/media/sample-hiit/master.m3u8',
      expiresAt: new Date(now.getTime() + 600_000).toISOString(),
      workout: { id: 'w-hiit30-01', title: 'Tabata Foundations', durationSec: 1800, programSlug: 'hiit-30', programTitle: 'HIIT 30' },
    });
    const names = (result.cookies ?? []).map((c) => c.split('=')[0]);
    expect(names).toEqual(['CloudFront-Policy', 'CloudFront-Signature', 'CloudFront-Key-Pair-Id']);
    const policyValue = (result.cookies?.[0] ?? '').split(';')[0]?.slice('CloudFront-Policy='.length) ?? '';
    const policy = JSON.parse(
      Buffer.from(policyValue.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64').toString(),
    ) as unknown;
    expect(policy).toEqual({
      Statement: [
        {
          Resource: 'https://stride.example/media/sample-hiit/*',
          Condition: { DateLessThan: { 'AWS:EpochTime': now.getTime() / 1000 + 600 } },
        },
      ],
    });
    for (const cookie of result.cookies ?? []) expect(cookie).toContain('Path=/media; HttpOnly; SameSite=Lax; Max-Age=600; Secure');
  });
});

describe('playback: who may watch, at the API door', () => {
  const play = async (id: string, init: { email?: string; country?: string; via?: 'cloudfront' | 'direct' } = {}) => {
    const cookies = init.email ? ((await login(init.email)).cookies ?? []) : [];
    return api(
      withCookies(
        httpApiEvent('GET', `/api/playback/${id}`, {
          ...(init.country ? { country: init.country } : {}),
          ...(init.via ? { via: init.via } : {}),
        }),
        cookies,
      ),
    );
  };
  const at = async <T>(instant: string, run: () => Promise<T>): Promise<T> => {
    const saved = now;
    now = new Date(instant);
    try {
      return await run();
    } finally {
      now = saved;
    }
  };

  it('refuses a program before its launch with 403 not-launched and the launch instant, and sets no media cookie', async () => {
    const result = await play('w-cycling-01', { email: 'demo@stride.test', country: 'US' });
    expect(result.statusCode).toBe(403);
    expect(body(result)).toEqual({
      error: 'This program is not available yet',
      reason: 'not-launched',
      availableAt: '2027-02-01T06:00:00.000Z',
    });
    expect(result.cookies).toBeUndefined();
  });

  it('flips at the launch instant: refused one millisecond before, granted at it', async () => {
    expect((await at('2027-02-01T05:59:59.999Z', () => play('w-cycling-01', { email: 'demo@stride.test' }))).statusCode).toBe(403);
    expect((await at('2027-02-01T05:59:59.000Z', () => play('w-cycling-01', { email: 'demo@stride.test' }))).statusCode).toBe(403);
    expect((await at('2027-02-01T06:00:00.000Z', () => play('w-cycling-01', { email: 'demo@stride.test' }))).statusCode).toBe(200);
  });

  it("plays a program before its launch for a subscriber holding a preview of it, as of the preview's instant only", async () => {
    const previews = await PreviewTokens.fromPrivateJwk(
      (await testApiConfig({ db, tableName: 'stride-api-test', now: () => now })).sessionSigningKey,
    );
    const sign = (program: string, asOf: string, expiresAt = new Date(now.getTime() + 3_600_000)) =>
      previews.sign({ program, asOf: new Date(asOf), expiresAt, now });
    const playWith = async (id: string, preview: string, email = 'demo@stride.test') => {
      const cookies = [...((await login(email)).cookies ?? []), `${PREVIEW_COOKIE}=${preview}`];
      return api(withCookies(httpApiEvent('GET', `/api/playback/${id}`, { country: 'US' }), cookies));
    };
    const launchDay = await sign('indoor-cycling-endurance', '2027-02-01T06:00:00Z');
    const granted = await playWith('w-cycling-01', launchDay);
    expect(granted.statusCode).toBe(200);
    expect(granted.cookies?.length).toBeGreaterThan(0);
    // As of a minute before the launch, it is what everyone would get then.
    expect(body(await playWith('w-cycling-01', await sign('indoor-cycling-endurance', '2027-02-01T05:59:00Z')))).toMatchObject({
      reason: 'not-launched',
    });
    // A preview of another program moves nothing here.
    expect((await playWith('w-cycling-01', await sign('hiit-30', '2027-02-01T06:00:00Z'))).statusCode).toBe(403);
    // Still a subscriber's: the preview is not a subscription.
    expect(body(await playWith('w-cycling-01', launchDay, 'free@stride.test'))).toMatchObject({ reason: 'subscription-required' });
    // Expired, or a session passed off as a preview: no preview.
    const expired = await at('2026-11-22T05:00:00Z', () =>
      sign('indoor-cycling-endurance', '2027-02-01T06:00:00Z', new Date('2026-11-22T05:10:00Z')),
    );
    expect((await playWith('w-cycling-01', expired)).statusCode).toBe(403);
    const session = /stride_session=([^;]+)/.exec(((await login('demo@stride.test')).cookies ?? []).join(';'))?.[1] ?? '';
    expect((await playWith('w-cycling-01', session)).statusCode).toBe(403);
    // Without a session the preview opens nothing.
    const anonymous = await api(withCookies(httpApiEvent('GET', '/api/playback/w-cycling-01'), [`${PREVIEW_COOKIE}=${launchDay}`]));
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses outside the licence with 451 unlicensed, and an unknown country too', async () => {
    const japan = await play('w-boxing-01', { email: 'demo@stride.test', country: 'JP' });
    expect(japan.statusCode).toBe(451);
    expect(body(japan)).toEqual({ error: 'This program is not available in your country', reason: 'unlicensed' });
    expect(japan.cookies).toBeUndefined();
    expect((await play('w-boxing-01', { email: 'demo@stride.test' })).statusCode).toBe(451);
    expect((await play('w-boxing-01', { email: 'demo@stride.test', country: 'gb' })).statusCode).toBe(200);
    expect((await play('w-boxing-01', { email: 'demo@stride.test', country: 'GB' })).statusCode).toBe(200);
  });

  it('refuses without a subscription with 403 subscription-required, and signed out with 401 signed-out', async () => {
    const free = await play('w-hiit30-01', { email: 'free@stride.test' });
    expect(free.statusCode).toBe(403);
    expect(body(free)).toEqual({ error: 'A subscription is needed to play workouts', reason: 'subscription-required' });
    expect(free.cookies).toBeUndefined();
    const anonymous = await play('w-hiit30-01');
    expect(anonymous.statusCode).toBe(401);
    expect(body(anonymous)).toMatchObject({ reason: 'signed-out' });
    // Signed out, an unknown id answers as a known one: nothing about the catalog leaks.
    expect((await play('w-does-not-exist')).statusCode).toBe(401);
  });

  it('tells a viewer without a subscription about the licence first: nobody is asked to pay for what they cannot watch', async () => {
    expect(body(await play('w-boxing-01', { email: 'free@stride.test', country: 'JP' }))).toMatchObject({ reason: 'unlicensed' });
    expect(body(await play('w-cycling-01', { email: 'free@stride.test', country: 'US' }))).toMatchObject({ reason: 'not-launched' });
  });

  it('refuses a request that reached the region around CloudFront, even with a forged country (403)', async () => {
    const forged = await play('w-hiit30-01', { email: 'demo@stride.test', country: 'US', via: 'direct' });
    expect(forged.statusCode).toBe(403);
    expect(body(forged)).toMatchObject({ reason: 'direct-origin' });
    expect(forged.cookies).toBeUndefined();
    const wrong = httpApiEvent('GET', '/api/me');
    wrong.headers['x-stride-origin-verify'] = 'not-the-secret-at-all-0000000000';
    expect((await api(wrong)).statusCode).toBe(403);
    for (const event of [
      httpApiEvent('POST', '/api/auth/login', { via: 'direct' }),
      httpApiEvent('GET', '/api/progress', { via: 'direct' }),
    ]) {
      expect((await api(event)).statusCode).toBe(403);
    }
    // The health checks call each region directly: the ping alone answers.
    expect((await api(httpApiEvent('GET', '/api/ping', { via: 'direct' }))).statusCode).toBe(200);
  });
});

describe('progress and views', () => {
  const signedIn = async (email = 'demo@stride.test') => (await login(email)).cookies ?? [];
  const progressEvent = (method: string, id: string, cookies: string[], json?: unknown) => {
    const event = httpApiEvent(method, `/api/progress/${id}`, json === undefined ? {} : { body: JSON.stringify(json) });
    event.headers['content-type'] = 'application/json';
    return withCookies(event, cookies);
  };
  const view = async (cookies: string[], fields: Record<string, unknown>) =>
    api(
      withCookies(
        post(
          '/api/views',
          JSON.stringify({ workoutId: 'w-yoga-01', playId: 'play-0001', positionSec: 0, durationSec: 1200, eventId: 'e', ...fields }),
        ),
        cookies,
      ),
    );

  it('starts a workout never played at 0, then keeps the last saved position per viewer', async () => {
    const demo = await signedIn();
    const fresh = await api(progressEvent('GET', 'w-hiit30-02', demo));
    expect(fresh.statusCode).toBe(200);
    expect(body(fresh)).toEqual({ workoutId: 'w-hiit30-02', positionSec: 0, durationSec: 0, updatedAt: null });

    expect((await api(progressEvent('PUT', 'w-hiit30-02', demo, { positionSec: 95.5, durationSec: 1860 }))).statusCode).toBe(204);
    expect((await api(progressEvent('PUT', 'w-hiit30-02', demo, { positionSec: 120, durationSec: 1860 }))).statusCode).toBe(204);
    expect(body(await api(progressEvent('GET', 'w-hiit30-02', demo)))).toEqual({
      workoutId: 'w-hiit30-02',
      positionSec: 120,
      durationSec: 1860,
      updatedAt: now.toISOString(),
    });

    // Another viewer's place is their own.
    expect(body(await api(progressEvent('GET', 'w-hiit30-02', await signedIn('free@stride.test')))).positionSec).toBe(0);
  });

  it('keeps the newest read position when saves arrive out of order (a late retry never moves the viewer back)', async () => {
    const demo = await signedIn();
    expect(
      (await api(progressEvent('PUT', 'w-yoga-02', demo, { positionSec: 120, durationSec: 1200, savedAt: 2_000_000 }))).statusCode,
    ).toBe(204);
    // An older read, retried late: answered as done (the newer one stands), not stored.
    expect(
      (await api(progressEvent('PUT', 'w-yoga-02', demo, { positionSec: 95, durationSec: 1200, savedAt: 1_000_000 }))).statusCode,
    ).toBe(204);
    expect(body(await api(progressEvent('GET', 'w-yoga-02', demo)))).toMatchObject({ positionSec: 120 });
    expect(
      (await api(progressEvent('PUT', 'w-yoga-02', demo, { positionSec: 130, durationSec: 1200, savedAt: 3_000_000 }))).statusCode,
    ).toBe(204);
    expect(body(await api(progressEvent('GET', 'w-yoga-02', demo)))).toMatchObject({ positionSec: 130 });
    const bad = await api(progressEvent('PUT', 'w-yoga-02', demo, { positionSec: 1, durationSec: 1200, savedAt: 'yesterday' }));
    expect(bad.statusCode).toBe(400);
    expect(String(body(bad).error)).toMatch(/^savedAt: /);
  });

  it('answers a region-pinned path (/api/region/<role>/…) as the same route, writes included', async () => {
    const demo = await signedIn();
    const pinned = (method: string, role: string, id: string, json?: unknown) => {
      const event = httpApiEvent(method, `/api/region/${role}/progress/${id}`, json === undefined ? {} : { body: JSON.stringify(json) });
      event.headers['content-type'] = 'application/json';
      return withCookies(event, demo);
    };
    expect((await api(pinned('PUT', 'secondary', 'w-pilates-01', { positionSec: 42, durationSec: 1800, savedAt: 5_000 }))).statusCode).toBe(
      204,
    );
    expect(body(await api(pinned('GET', 'primary', 'w-pilates-01')))).toMatchObject({ workoutId: 'w-pilates-01', positionSec: 42 });
    expect((await api(httpApiEvent('GET', '/api/region/primary/ping'))).statusCode).toBe(200);
    // Not a role: no such route.
    expect((await api(withCookies(httpApiEvent('GET', '/api/region/tertiary/progress/w-pilates-01'), demo))).statusCode).toBe(404);
  });

  it("reads one workout's position as GET /api/progress?workout=<id>, the origin group's read form", async () => {
    const demo = await signedIn();
    expect((await api(progressEvent('PUT', 'w-pilates-02', demo, { positionSec: 61, durationSec: 1800, savedAt: 6_000 }))).statusCode).toBe(
      204,
    );
    const read = (rawQueryString: string, cookies = demo) =>
      api(withCookies(httpApiEvent('GET', '/api/progress', { rawQueryString }), cookies));
    const answer = await read('workout=w-pilates-02');
    expect(answer.statusCode).toBe(200);
    expect(body(answer)).toEqual(body(await api(progressEvent('GET', 'w-pilates-02', demo))));
    expect((await read('workout=w-pilates-02', [])).statusCode).toBe(401);
    expect((await read('workout=w-nope')).statusCode).toBe(404);
    const both = await read('workout=w-pilates-02&program=pilates-core-sculpt');
    expect(both.statusCode).toBe(400);
    expect(String(body(both).error)).toMatch(/give one parameter/);
    expect(String(body(await read('week=1')).error)).toMatch(/^week: unknown query parameter/);
  });

  it('answers only GET and HEAD on each path the origin group serves (CloudFront fails over no other method)', async () => {
    for (const pattern of FAILOVER_READ_PATH_PATTERNS) {
      const rawPath = pattern.replace('*', 'w-pilates-01');
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        const result = await api(httpApiEvent(method, rawPath));
        expect(result.statusCode, `${method} ${rawPath}`).toBe(405);
        expect(result.headers.allow).toBe('GET');
      }
    }
  });

  it('refuses progress signed out (401), for an unknown workout (404), a bad id or a bad body (400)', async () => {
    const demo = await signedIn();
    expect((await api(progressEvent('GET', 'w-hiit30-02', []))).statusCode).toBe(401);
    expect((await api(progressEvent('GET', 'w-nope', demo))).statusCode).toBe(404);
    expect((await api(progressEvent('GET', 'x%2F..', demo))).statusCode).toBe(400);
    const negative = await api(progressEvent('PUT', 'w-hiit30-02', demo, { positionSec: -1, durationSec: 10 }));
    expect(negative.statusCode).toBe(400);
    expect(String(body(negative).error)).toMatch(/^positionSec: /);
    const extra = await api(progressEvent('PUT', 'w-hiit30-02', demo, { positionSec: 1, durationSec: 10, hack: true }));
    expect(extra.statusCode).toBe(400);
    const beyond = await api(progressEvent('PUT', 'w-hiit30-02', demo, { positionSec: 11, durationSec: 10 }));
    expect(body(beyond)).toEqual({ error: 'positionSec: must not be after durationSec' });
  });

  it('counts a view as qualified only when one play reports every milestone, and ignores repeats', async () => {
    const demo = await signedIn();
    for (const event of ['start', '25', '50', '50', '75']) {
      const result = await view(demo, { event });
      expect(result.statusCode).toBe(200);
      expect(body(result).qualified).toBe(false);
    }
    const done = await view(demo, { event: 'complete' });
    expect(body(done)).toEqual({
      playId: 'play-0001',
      workoutId: 'w-yoga-01',
      milestones: ['start', '25', '50', '75', 'complete'],
      qualified: true,
    });

    // A play that skipped ahead to the end is not a qualified view.
    expect(body(await view(demo, { playId: 'play-0002', event: 'start' })).qualified).toBe(false);
    expect(body(await view(demo, { playId: 'play-0002', event: 'complete' }))).toMatchObject({
      milestones: ['start', 'complete'],
      qualified: false,
    });
  });

  it('refuses a view signed out, for another workout on the same play, or with a bad event', async () => {
    const demo = await signedIn();
    expect((await view([], { event: 'start' })).statusCode).toBe(401);
    await view(demo, { playId: 'play-0003', event: 'start' });
    expect((await view(demo, { playId: 'play-0003', workoutId: 'w-yoga-02', event: '25' })).statusCode).toBe(409);
    const bad = await view(demo, { event: '90' });
    expect(bad.statusCode).toBe(400);
    expect(String(body(bad).error)).toMatch(/^event: /);
  });
});

describe('continue watching (GET /api/progress)', () => {
  const list = (cookies: string[]) => api(withCookies(httpApiEvent('GET', '/api/progress'), cookies));
  const save = async (cookies: string[], workoutId: string, positionSec: number, durationSec: number, at: string) => {
    const saved = now;
    now = new Date(at);
    try {
      const event = httpApiEvent('PUT', `/api/progress/${workoutId}`, { body: JSON.stringify({ positionSec, durationSec }) });
      event.headers['content-type'] = 'application/json';
      expect((await api(withCookies(event, cookies))).statusCode).toBe(204);
    } finally {
      now = saved;
    }
  };

  it('401s signed out, naming what to do', async () => {
    const result = await list([]);
    expect(result.statusCode).toBe(401);
    expect(body(result)).toEqual({ error: 'Sign in to pick up where you left off' });
  });

  it('lists unfinished workouts, most recent first, without never-started, finished or retired ones', async () => {
    const cw = (await login('cw@stride.test')).cookies ?? [];
    expect(body(await list(cw))).toEqual({ items: [] });

    await save(cw, 'w-hiit30-01', 300, 1800, '2026-11-20T06:00:00Z');
    await save(cw, 'w-yoga-01', 0, 1200, '2026-11-20T07:00:00Z'); // opened, never started
    await save(cw, 'w-kb-01', 1900, 1920, '2026-11-20T08:00:00Z'); // in the last 30 s
    await save(cw, 'w-boxing-01', 1430, 1500, '2026-11-20T09:00:00Z'); // 95.3 %, 70 s left
    await save(cw, 'w-boxing-02', 1400, 1620, '2026-11-20T10:00:00Z');
    // A row for a workout the catalog dropped since (the API no longer accepts saves for it).
    await db.send(
      new PutCommand({
        TableName: 'stride-api-test',
        Item: {
          ...keys.progress('u-cw', 'w-retired-01'),
          workoutId: 'w-retired-01',
          positionSec: 60,
          durationSec: 1200,
          updatedAt: '2026-11-20T11:00:00Z',
        },
      }),
    );

    const result = await list(cw);
    expect(result.statusCode).toBe(200);
    expect(result.headers['cache-control']).toBe('no-store');
    expect(body(result)).toEqual({
      items: [
        {
          workoutId: 'w-boxing-02',
          workoutTitle: 'The One-Two',
          programSlug: 'boxing-cardio',
          programTitle: 'Boxing Cardio',
          poster: { src: '/posters/boxing-cardio.svg', width: 640, height: 360, alt: 'Boxing Cardio program poster' },
          positionSec: 1400,
          durationSec: 1620,
          updatedAt: '2026-11-20T10:00:00.000Z',
        },
        {
          workoutId: 'w-hiit30-01',
          workoutTitle: 'Tabata Foundations',
          programSlug: 'hiit-30',
          programTitle: 'HIIT 30',
          poster: { src: '/posters/hiit-30.svg', width: 640, height: 360, alt: 'HIIT 30 program poster' },
          positionSec: 300,
          durationSec: 1800,
          updatedAt: '2026-11-20T06:00:00.000Z',
        },
      ],
    });

    // Watching an older one again moves it to the front; finishing one takes it off.
    await save(cw, 'w-hiit30-01', 420, 1800, '2026-11-21T06:00:00Z');
    await save(cw, 'w-boxing-02', 1620, 1620, '2026-11-21T07:00:00Z');
    expect((body(await list(cw)).items as { workoutId: string; positionSec: number }[]).map((i) => [i.workoutId, i.positionSec])).toEqual([
      ['w-hiit30-01', 420],
    ]);

    // Another viewer's list is their own.
    const demo = (await login('demo@stride.test')).cookies ?? [];
    expect((body(await list(demo)).items as { workoutId: string }[]).map((i) => i.workoutId)).not.toContain('w-hiit30-01');
  });

  it('keeps at most 20', async () => {
    const cw = (await login('cw@stride.test')).cookies ?? [];
    const programs = ['hiit-30', 'boxing-cardio', 'kettlebell-power', 'morning-yoga'];
    let n = 0;
    for (const file of programs) {
      const { workouts } = JSON.parse(
        readFileSync(path.resolve(import.meta.dirname, `../../../web/content/programs/${file}.json`), 'utf8'),
      ) as { workouts: { id: string }[] };
      for (const w of workouts) await save(cw, w.id, 100, 1800, new Date(Date.UTC(2026, 10, 22, 0, n++)).toISOString());
    }
    expect(n).toBeGreaterThan(20);
    const items = body(await list(cw)).items as { updatedAt: string }[];
    expect(items).toHaveLength(20);
    expect(items[0]?.updatedAt).toBe(new Date(Date.UTC(2026, 10, 22, 0, n - 1)).toISOString());
  });
});

describe('a program’s progress (GET /api/progress?program=<slug>)', () => {
  const programList = (cookies: string[], query: string) =>
    api(withCookies(httpApiEvent('GET', '/api/progress', { rawQueryString: query }), cookies));
  const save = async (cookies: string[], workoutId: string, positionSec: number, durationSec: number) => {
    const event = httpApiEvent('PUT', `/api/progress/${workoutId}`, { body: JSON.stringify({ positionSec, durationSec }) });
    event.headers['content-type'] = 'application/json';
    expect((await api(withCookies(event, cookies))).statusCode).toBe(204);
  };

  it('gives the program’s started workouts in program order, finished ones marked, other programs’ rows left out', async () => {
    const viewer = (await login('pp@stride.test')).cookies ?? [];
    expect(body(await programList(viewer, 'program=pilates-core-sculpt'))).toEqual({ items: [] });
    const { workouts } = JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, '../../../web/content/programs/pilates-core-sculpt.json'), 'utf8'),
    ) as { workouts: { id: string }[] };
    const [first, second, third] = workouts.map((w) => w.id);
    if (!first || !second || !third) throw new Error('pilates-core-sculpt needs three workouts for this test');
    await save(viewer, third, 600, 1200);
    await save(viewer, first, 1200, 1200);
    await save(viewer, second, 0, 1200);
    await save(viewer, 'w-hiit30-01', 300, 1800); // another program

    const result = await programList(viewer, 'program=pilates-core-sculpt');
    expect(result.statusCode).toBe(200);
    const items = body(result).items as { workoutId: string; positionSec: number; finished: boolean }[];
    expect(items.map((i) => [i.workoutId, i.positionSec, i.finished])).toEqual([
      [first, 1200, true],
      [third, 600, false],
    ]);
  });

  it('401s signed out, 404s an unknown program, 400s a bad or unknown parameter', async () => {
    const viewer = (await login('pp@stride.test')).cookies ?? [];
    expect((await programList([], 'program=hiit-30')).statusCode).toBe(401);
    expect((await programList(viewer, 'program=no-such-program')).statusCode).toBe(404);
    const bad = await programList(viewer, 'program=..%2Fetc');
    expect(bad.statusCode).toBe(400);
    expect(String(body(bad).error)).toMatch(/^program: /);
    const unknown = await programList(viewer, 'sort=asc');
    expect(unknown.statusCode).toBe(400);
    expect(String(body(unknown).error)).toMatch(/^sort: unknown query parameter/);
    expect((await programList(viewer, 'program=hiit-30&program=hiit-30')).statusCode).toBe(400);
  });
});
