import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureTable, startDynamo, type LocalDynamo } from '../../local/src/data/dynamo';
import { testApiConfig } from './api-config.fixture';
import { httpApiEvent } from './apigw-event.fixture';
import { createApiHandler, type ApiHandler } from './handler';
import { hashPassword } from './passwords';
import { UserRepository } from './users';

// Sign-up, trials, guessing resistance, sign out everywhere and device sign-in, through the
// handler against a real dynalite store with the real SDK (no mocks), on a clock the tests move.
const TABLE = 'stride-accounts-test';
let dir = '';
let dynamo: LocalDynamo;
let api: ApiHandler;
let users: UserRepository;
let now = new Date('2026-11-22T06:00:00Z');
let addressCounter = 0;
/** A client address of its own per test, so address counts never leak between tests. */
let address = '';

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'stride-accounts-'));
  dynamo = await startDynamo(path.join(dir, 'db'));
  const db = dynamo.documentClient('us-east-1');
  await ensureTable(db, TABLE);
  users = new UserRepository(db, TABLE);
  api = await createApiHandler(await testApiConfig({ db, tableName: TABLE, region: 'us-east-1', now: () => now }));
});
afterAll(async () => {
  await dynamo?.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  addressCounter += 1;
  address = `198.51.100.${addressCounter}`;
});

const later = (seconds: number) => {
  now = new Date(now.getTime() + seconds * 1000);
};
const viaCloudFront = (event: APIGatewayProxyEventV2, from = address) => {
  event.headers['cloudfront-viewer-address'] = `${from}:41234`;
  return event;
};
const post = (rawPath: string, json: unknown, cookies: string[] = [], from = address) => {
  const event = viaCloudFront(httpApiEvent('POST', rawPath, { body: typeof json === 'string' ? json : JSON.stringify(json) }), from);
  event.headers['content-type'] = 'application/json';
  event.headers.origin = 'https://stride.example';
  return cookies.length > 0 ? { ...event, cookies: cookies.map((c) => c.split(';')[0] ?? '') } : event;
};
const get = (rawPath: string, cookies: string[] = []) => ({
  ...viaCloudFront(httpApiEvent('GET', rawPath)),
  cookies: cookies.map((c) => c.split(';')[0] ?? ''),
});
const body = (result: { body?: string }) => JSON.parse(result.body ?? '') as Record<string, unknown>;
const signup = (fields: Record<string, unknown>, from = address) =>
  api(post('/api/auth/signup', { name: 'New Viewer', password: 'a walk in the park 42', ...fields }, [], from));
const login = (email: string, password: string, from = address) => api(post('/api/auth/login', { email, password }, [], from));
let emailCounter = 0;
const freshEmail = () => `viewer-${(emailCounter += 1)}@stride.test`;

async function seedUser(email: string, subscription: 'active' | 'trial' | 'none' = 'active', subscriptionEndsAt?: string) {
  const id = `u-seed-${(emailCounter += 1)}`;
  await users.createIfAbsent({
    id,
    email,
    name: 'Seeded',
    passwordHash: await hashPassword('right-password-1'),
    subscription,
    subscriptionEndsAt,
    createdAt: now.toISOString(),
  });
  return id;
}

describe('sign-up with a free trial (POST /api/auth/signup)', () => {
  it('answers 201 signed in (the sign-in cookies) with a 7-day trial that /api/me reports and that plays', async () => {
    const email = freshEmail();
    const result = await signup({ email: `  ${email.toUpperCase()} `, name: ' Ada ' });
    expect(result.statusCode).toBe(201);
    const endsAt = new Date(now.getTime() + 7 * 86_400_000).toISOString();
    expect(body(result)).toEqual({
      user: { id: expect.stringMatching(/^u-[0-9a-f-]{36}$/), email, name: 'Ada', subscription: { status: 'trial', endsAt } },
    });
    expect((result.cookies ?? []).map((c) => c.split('=')[0])).toEqual(['stride_session', 'stride_signed_in']);
    expect(result.cookies?.[0]).toMatch(/; HttpOnly; SameSite=Lax; Max-Age=28800; Secure$/);
    const cookies = result.cookies ?? [];
    expect(body(await api(get('/api/me', cookies)))).toMatchObject({ user: { email, subscription: { status: 'trial', endsAt } } });
    expect((await api(get('/api/playback/w-hiit30-01', cookies))).statusCode).toBe(200);
    // And the password works at sign-in.
    expect((await login(email, 'a walk in the park 42')).statusCode).toBe(200);
  });

  it('reads a trial past its end as expired at the API, and playback refuses it (403 subscription-required)', async () => {
    const email = freshEmail();
    expect((await signup({ email })).statusCode).toBe(201);
    const saved = now;
    try {
      later(7 * 86_400 - 1);
      // The first session (8 h) has long expired: sign in again, as the viewer would.
      const again = (await login(email, 'a walk in the park 42')).cookies ?? [];
      expect(body(await api(get('/api/me', again)))).toMatchObject({ user: { subscription: { status: 'trial' } } });
      later(1);
      expect(body(await api(get('/api/me', again)))).toMatchObject({
        user: { subscription: { status: 'expired', endsAt: new Date(saved.getTime() + 7 * 86_400_000).toISOString() } },
      });
      const play = await api(get('/api/playback/w-hiit30-01', again));
      expect(play.statusCode).toBe(403);
      expect(body(play)).toMatchObject({ reason: 'subscription-required' });
    } finally {
      now = saved;
    }
  });

  it.each([
    ['a 7-character password', { password: 'abc defg'.slice(0, 7) }, 'password: must be at least 8 characters'],
    ['a password of 1025 characters', { password: 'x'.repeat(1025) }, 'password: must be at most 1024 characters'],
    ['a common password', { password: 'password123' }, 'password: is one of the most commonly used passwords'],
    ['a common password in other case', { password: 'IloveYou' }, 'password: is one of the most commonly used passwords'],
    ['the email as password', { email: 'self@stride.test', password: 'Self@Stride.test' }, 'password: must not be your email address'],
    ['no name', { name: '   ' }, 'name: must not be empty'],
    ['a name with control characters', { name: 'Ada\u0000' }, 'name: must not contain control characters'],
    ['a long name', { name: 'n'.repeat(101) }, 'name: must be at most 100 characters'],
    ['not an email', { email: 'nobody' }, 'email: must be an email address'],
    ['a number for a password', { password: 12345678 }, 'password: must be a string'],
    ['an extra field', { subscription: 'active' }, 'Unrecognized key'],
  ])('refuses %s with 400 naming the field', async (_name, fields, message) => {
    const result = await signup({ email: freshEmail(), ...fields });
    expect(result.statusCode).toBe(400);
    expect(String(body(result).error)).toContain(message);
    expect(result.cookies).toBeUndefined();
  });

  it('accepts long passphrases, spaces and any characters without composition rules (NIST SP 800-63B)', async () => {
    for (const password of [
      'correct horse battery staple',
      'ü'.repeat(8),
      `${'long passphrase '.repeat(4)}end`.slice(0, 64),
      'x'.repeat(1024),
    ]) {
      expect((await signup({ email: freshEmail(), password })).statusCode, password).toBe(201);
    }
  });

  it('refuses a body that is not JSON, with the right status', async () => {
    expect((await api(post('/api/auth/signup', '{'))).statusCode).toBe(400);
    const form = post('/api/auth/signup', 'email=x');
    form.headers['content-type'] = 'application/x-www-form-urlencoded';
    expect((await api(form)).statusCode).toBe(415);
  });

  it('says an email is registered (409, whatever its case) and counts it: the 20th such answer from one address starts a 30 s wait', async () => {
    const email = freshEmail();
    expect((await signup({ email })).statusCode).toBe(201);
    const taken = await signup({ email: email.toUpperCase() });
    expect(taken.statusCode).toBe(409);
    expect(body(taken)).toEqual({ error: 'email: an account with this email already exists; sign in instead' });
    for (let i = 2; i <= 20; i += 1) expect((await signup({ email })).statusCode, `attempt ${i}`).toBe(409);
    // Now every sign-up from this address waits, even one for a new address.
    const waiting = await signup({ email: freshEmail() });
    expect(waiting.statusCode).toBe(429);
    expect(waiting.headers['retry-after']).toBe('30');
    // Another client is not slowed down.
    expect((await signup({ email: freshEmail() }, '192.0.2.77')).statusCode).toBe(201);
    later(30);
    expect((await signup({ email: freshEmail() })).statusCode).toBe(201);
  });
});

describe('guessing resistance at sign-in', () => {
  it('answers 30 wrong passwords then the right one: 401 ×5, then 429 with Retry-After, the right password waiting too', async () => {
    const email = freshEmail();
    await seedUser(email);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i += 1) statuses.push((await login(email, `wrong-${i}`)).statusCode);
    expect(statuses).toEqual([...Array<number>(5).fill(401), ...Array<number>(25).fill(429)]);
    const right = await login(email, 'right-password-1');
    expect(right.statusCode).toBe(429);
    expect(right.headers['retry-after']).toBe('30');
    expect(body(right)).toEqual({ error: 'Too many failed sign-in attempts. Try again in 30 seconds.', retryAfterSec: 30 });
    expect(right.cookies).toBeUndefined();
    // Waiting does not lengthen the wait: after 30 s the right password works.
    later(30);
    expect((await login(email, 'right-password-1')).statusCode).toBe(200);
  });

  it('doubles the wait with each further failure (30, 60, 120, 240, 480, 900, 900 s), never locks for good, and forgets on success', async () => {
    const email = freshEmail();
    await seedUser(email);
    for (let i = 0; i < 4; i += 1) expect((await login(email, 'wrong')).statusCode).toBe(401);
    const waits: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      expect((await login(email, 'wrong')).statusCode).toBe(401);
      const refused = await login(email, 'right-password-1');
      expect(refused.statusCode).toBe(429);
      const wait = Number(refused.headers['retry-after']);
      waits.push(wait);
      later(wait - 1);
      expect((await login(email, 'right-password-1')).headers['retry-after'], 'one second before the end').toBe('1');
      later(1);
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900]);
    expect((await login(email, 'right-password-1')).statusCode).toBe(200);
    // The account's count is forgotten: four failures are free again.
    for (let i = 0; i < 4; i += 1) expect((await login(email, 'wrong')).statusCode).toBe(401);
    expect((await login(email, 'right-password-1')).statusCode).toBe(200);
  });

  it('forgets failures a day after the last one', async () => {
    const email = freshEmail();
    await seedUser(email);
    for (let i = 0; i < 4; i += 1) await login(email, 'wrong');
    later(24 * 3600);
    for (let i = 0; i < 4; i += 1) expect((await login(email, 'wrong')).statusCode).toBe(401);
    expect((await login(email, 'right-password-1')).statusCode).toBe(200);
  });

  it('counts per client address too: 20 failures over 20 accounts make the address wait, not other addresses', async () => {
    for (let i = 0; i < 19; i += 1) expect((await login(freshEmail(), 'wrong')).statusCode).toBe(401);
    const email = freshEmail();
    await seedUser(email);
    expect((await login(email, 'wrong')).statusCode).toBe(401);
    const refused = await login(email, 'right-password-1');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('30');
    expect((await login(email, 'right-password-1', '192.0.2.200')).statusCode).toBe(200);
  });

  it('takes the address from CloudFront-Viewer-Address, IPv6 by its /64, else the source IP', async () => {
    const email = freshEmail();
    await seedUser(email);
    const v6 = (host: string) => `2001:db8:${addressCounter.toString(16)}:7:${host}`;
    for (let i = 0; i < 20; i += 1) await login(freshEmail(), 'wrong', v6(`${i}::1`));
    // Another address in the same /64 waits; the source IP (API Gateway's, CloudFront's edge) is not what counts.
    expect((await login(email, 'right-password-1', v6('ffff::2'))).statusCode).toBe(429);
    expect((await login(email, 'right-password-1', `2001:db8:${addressCounter.toString(16)}:8::1`)).statusCode).toBe(200);
  });
});

describe('sign out everywhere (POST /api/auth/sign-out-everywhere)', () => {
  it('stops every earlier session at the API at once (me, playback), clears this one, and later sign-ins work', async () => {
    const email = freshEmail();
    await seedUser(email);
    const laptop = (await login(email, 'right-password-1')).cookies ?? [];
    const phone = (await login(email, 'right-password-1', '192.0.2.9')).cookies ?? [];
    later(5);
    // Issued in the same second as the sign-out, just before it: it goes too.
    const sameSecond = (await login(email, 'right-password-1')).cookies ?? [];
    expect((await api(post('/api/auth/sign-out-everywhere', {}))).statusCode).toBe(401);
    const result = await api(post('/api/auth/sign-out-everywhere', {}, laptop));
    expect(result.statusCode).toBe(200);
    expect(body(result)).toEqual({ signedOut: true, everywhere: true });
    for (const cookie of result.cookies ?? []) expect(cookie).toContain('Max-Age=0');
    for (const cookies of [laptop, phone, sameSecond]) {
      expect((await api(get('/api/me', cookies))).statusCode).toBe(401);
      expect((await api(get('/api/playback/w-hiit30-01', cookies))).statusCode).toBe(401);
      expect((await api(get('/api/progress', cookies))).statusCode).toBe(401);
    }
    // A sign-in in that same second, after it, works.
    const again = (await login(email, 'right-password-1')).cookies ?? [];
    expect((await api(get('/api/me', again))).statusCode).toBe(200);
    expect((await api(get('/api/playback/w-hiit30-01', again))).statusCode).toBe(200);
  });
});

describe('device authorization (RFC 8628)', () => {
  const authorize = async () => {
    const result = await api(post('/api/device/authorize', {}));
    expect(result.statusCode).toBe(200);
    return body(result) as {
      deviceCode: string;
      userCode: string;
      verificationUri: string;
      verificationUriComplete: string;
      expiresIn: number;
      interval: number;
    };
  };
  const token = (deviceCode: unknown) => api(post('/api/device/token', { deviceCode }));
  const approve = (userCode: unknown, cookies: string[], extra: Record<string, unknown> = {}) =>
    api(post('/api/device/approve', { userCode, ...extra }, cookies));
  const signedIn = async () => {
    const email = freshEmail();
    await seedUser(email);
    return (await login(email, 'right-password-1')).cookies ?? [];
  };

  it('issues codes as RFC 8628 names them: an 8-letter consonant user code, an /activate URI with and without it, 600 s, 5 s', async () => {
    const codes = await authorize();
    expect(codes.userCode).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(codes.deviceCode).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(codes).toMatchObject({
      verificationUri: 'https://stride.example/activate',
      verificationUriComplete: `https://stride.example/activate?code=${codes.userCode}`,
      expiresIn: 600,
      interval: 5,
    });
    expect((await authorize()).userCode).not.toBe(codes.userCode);
  });

  it('polls pending, slows a fast poller down by 5 s, then signs the TV in once approved; the codes then work no more', async () => {
    const codes = await authorize();
    const pending = await token(codes.deviceCode);
    expect(pending.statusCode).toBe(400);
    expect(body(pending)).toMatchObject({ error: 'authorization_pending' });
    later(1);
    const fast = await token(codes.deviceCode);
    expect(body(fast)).toMatchObject({ error: 'slow_down', interval: 10 });
    later(10);
    expect(body(await token(codes.deviceCode))).toMatchObject({ error: 'authorization_pending' });

    expect((await approve(codes.userCode, [])).statusCode).toBe(401);
    const phone = await signedIn();
    // Typed on a phone: lower case, without the dash, with spaces.
    const approved = await approve(` ${codes.userCode.toLowerCase().replace('-', ' ')} `, phone);
    expect(approved.statusCode).toBe(200);
    expect(body(approved)).toEqual({ userCode: codes.userCode, status: 'approved' });

    later(10);
    const signedInTv = await token(codes.deviceCode);
    expect(signedInTv.statusCode).toBe(200);
    expect(body(signedInTv)).toMatchObject({ user: { subscription: { status: 'active' } } });
    const tv = signedInTv.cookies ?? [];
    expect(tv.map((c) => c.split('=')[0])).toEqual(['stride_session', 'stride_signed_in']);
    expect((await api(get('/api/me', tv))).statusCode).toBe(200);

    later(10);
    expect(body(await token(codes.deviceCode))).toMatchObject({ error: 'invalid_grant' });
    expect((await approve(codes.userCode, phone)).statusCode).toBe(400);
  });

  it('tells the TV access_denied when the viewer refuses, and expired_token after 10 minutes', async () => {
    const phone = await signedIn();
    const refused = await authorize();
    expect(body(await approve(refused.userCode, phone, { approve: false }))).toEqual({ userCode: refused.userCode, status: 'denied' });
    expect(body(await token(refused.deviceCode))).toMatchObject({ error: 'access_denied' });

    const stale = await authorize();
    later(600);
    expect(body(await token(stale.deviceCode))).toMatchObject({ error: 'expired_token' });
    const late = await approve(stale.userCode, phone);
    expect(late.statusCode).toBe(400);
    expect(body(late)).toEqual({ error: 'userCode: this code is not valid or has expired; check the code on your TV' });
  });

  it('counts wrong codes per account: the 5th starts a 30 s wait in which even the right code waits; malformed codes are not counted', async () => {
    const phone = await signedIn();
    const codes = await authorize();
    for (const bad of ['', 'WDJB', 'AAAA-AAAA', 'x'.repeat(64)]) {
      const result = await approve(bad, phone);
      expect(result.statusCode).toBe(400);
      expect(String(body(result).error)).toMatch(/^userCode: must be the/);
    }
    expect((await approve('x'.repeat(65), phone)).statusCode).toBe(400);
    expect((await approve(42, phone)).statusCode).toBe(400);
    const wrong = codes.userCode.startsWith('B') ? 'CCCC-CCCC' : 'BBBB-BBBB';
    for (let i = 0; i < 5; i += 1) expect((await approve(wrong, phone)).statusCode).toBe(400);
    const waiting = await approve(codes.userCode, phone);
    expect(waiting.statusCode).toBe(429);
    expect(waiting.headers['retry-after']).toBe('30');
    later(30);
    expect((await approve(codes.userCode, phone)).statusCode).toBe(200);
  });

  it('refuses hostile token requests with 400 and never crashes', async () => {
    expect(body(await token('not-a-device-code'))).toMatchObject({ error: 'invalid_grant' });
    expect((await token('x'.repeat(129))).statusCode).toBe(400);
    expect((await token(['a'])).statusCode).toBe(400);
    expect((await api(post('/api/device/token', '{"deviceCode":"a","extra":1}'))).statusCode).toBe(400);
  });
});
