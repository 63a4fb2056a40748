import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { decodeProtectedHeader, exportJWK, generateKeyPair, decodeJwt } from 'jose';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable, startDynamo, type LocalDynamo } from '../../local/src/data/dynamo';
import { seedDemoAccounts } from '../../local/src/data/demo-accounts';
import { SESSION_AUDIENCE, SESSION_ISSUER } from '../../tools/session-keys';
import { httpApiEvent } from './apigw-event.fixture';
import { loadCatalog } from './catalog';
import { createApiHandler, type ApiHandler } from './handler';
import { UserRepository } from './users';

// The handler against a real dynalite store through the real SDK (no mocks).
let dir = '';
let dynamo: LocalDynamo;
let api: ApiHandler;
let now = new Date('2026-11-22T06:00:00Z');

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'stride-api-'));
  dynamo = await startDynamo(path.join(dir, 'db'));
  const db = dynamo.documentClient('us-west-1');
  await ensureTable(db, 'stride-api-test');
  await seedDemoAccounts(new UserRepository(db, 'stride-api-test'));
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const media = generateKeyPairSync('rsa', { modulusLength: 2048 });
  api = await createApiHandler({
    region: 'us-west-1',
    dynamo: db,
    tableName: 'stride-api-test',
    sessionSigningKey: { ...(await exportJWK(privateKey)), kid: 'test-kid' },
    media: { keyPairId: 'KTEST', privateKeyPem: media.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), resourceBase: 'https://stride.example/media', ttlSeconds: 600 },
    catalog: loadCatalog(path.resolve(import.meta.dirname, '../../../web/content/programs')),
    secureCookies: true,
    now: () => now,
  });
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
const withCookies = (event: APIGatewayProxyEventV2, cookies: string[]) => ({ ...event, cookies: cookies.map((c) => c.split(';')[0] ?? '') });
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
    expect(body(result)).toEqual({ user: { id: 'u-demo', email: 'demo@stride.test', name: 'Demo Viewer', subscription: { status: 'active' } } });
    const cookie = result.cookies?.[0] ?? '';
    expect(cookie).toMatch(/^stride_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=28800; Secure$/);
    const token = cookie.slice('stride_session='.length).split(';')[0] ?? '';
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', kid: 'test-kid' });
    const claims = decodeJwt(token);
    expect(Object.keys(claims).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'sub']);
    expect(claims).toMatchObject({ iss: SESSION_ISSUER, aud: SESSION_AUDIENCE, sub: 'u-demo', iat: now.getTime() / 1000, exp: now.getTime() / 1000 + 28800 });
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
    now = new Date(now.getTime() + 8 * 3600 * 1000 + 1000);
    try {
      expect((await api(withCookies(httpApiEvent('GET', '/api/me'), cookies))).statusCode).toBe(401);
    } finally {
      now = saved;
    }
  });

  it('logout expires the session and media cookies', async () => {
    const result = await api(post('/api/auth/logout', undefined));
    expect(result.statusCode).toBe(200);
    expect(result.cookies).toHaveLength(4);
    for (const cookie of result.cookies ?? []) expect(cookie).toContain('Max-Age=0');
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
    expect(body(result)).toEqual({ workoutId: 'w-hiit30-01', hlsUrl: '/media/sample-hiit/master.m3u8', expiresAt: new Date(now.getTime() + 600_000).toISOString() });
    const names = (result.cookies ?? []).map((c) => c.split('=')[0]);
    expect(names).toEqual(['CloudFront-Policy', 'CloudFront-Signature', 'CloudFront-Key-Pair-Id']);
    const policyValue = (result.cookies?.[0] ?? '').split(';')[0]?.slice('CloudFront-Policy='.length) ?? '';
    const policy = JSON.parse(Buffer.from(policyValue.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64').toString()) as unknown;
    expect(policy).toEqual({ Statement: [{ Resource: 'https://stride.example/media/sample-hiit/*', Condition: { DateLessThan: { 'AWS:EpochTime': now.getTime() / 1000 + 600 } } }] });
    for (const cookie of result.cookies ?? []) expect(cookie).toContain('Path=/media; HttpOnly; SameSite=Lax; Max-Age=600; Secure');
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
    api(withCookies(post('/api/views', JSON.stringify({ workoutId: 'w-yoga-01', playId: 'play-0001', positionSec: 0, durationSec: 1200, eventId: 'e', ...fields })), cookies));

  it('starts a workout never played at 0, then keeps the last saved position per viewer', async () => {
    const demo = await signedIn();
    const fresh = await api(progressEvent('GET', 'w-hiit30-02', demo));
    expect(fresh.statusCode).toBe(200);
    expect(body(fresh)).toEqual({ workoutId: 'w-hiit30-02', positionSec: 0, durationSec: 0, updatedAt: null });

    expect((await api(progressEvent('PUT', 'w-hiit30-02', demo, { positionSec: 95.5, durationSec: 1860 }))).statusCode).toBe(204);
    expect((await api(progressEvent('PUT', 'w-hiit30-02', demo, { positionSec: 120, durationSec: 1860 }))).statusCode).toBe(204);
    expect(body(await api(progressEvent('GET', 'w-hiit30-02', demo)))).toEqual({ workoutId: 'w-hiit30-02', positionSec: 120, durationSec: 1860, updatedAt: now.toISOString() });

    // Another viewer's place is their own.
    expect(body(await api(progressEvent('GET', 'w-hiit30-02', await signedIn('free@stride.test')))).positionSec).toBe(0);
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
    expect(body(done)).toEqual({ playId: 'play-0001', workoutId: 'w-yoga-01', milestones: ['start', '25', '50', '75', 'complete'], qualified: true });

    // A play that skipped ahead to the end is not a qualified view.
    expect(body(await view(demo, { playId: 'play-0002', event: 'start' })).qualified).toBe(false);
    expect(body(await view(demo, { playId: 'play-0002', event: 'complete' }))).toMatchObject({ milestones: ['start', 'complete'], qualified: false });
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
