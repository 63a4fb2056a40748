import { ORIGIN_VERIFY_HEADER } from '@stride/contract/origin-access';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_VIEWER_COUNTRY_HEADER } from './cloudfront/viewer-facts';
import { cookieHeader, json, startTestStack, type TestStack } from './testing/harness';

/**
 * Who may watch, at every door of the running local stack: the stream's grant through the local
 * CloudFront, each region reached around it, and the media behind signed cookies. The real API
 * handler and the real catalog (web/content/programs); the clock is the stack's (Dec 2026), so
 * indoor-cycling-endurance (2027-02-01) has not launched and boxing-cardio is licensed in seven
 * countries, Japan not among them.
 */
let t: TestStack;
let session = '';

beforeAll(async () => {
  t = await startTestStack({}, { edge: false });
  t.clock.now = Date.parse('2026-12-05T06:00:00Z');
  const login = await t.site('/api/auth/login', json({ email: 'demo@stride.test', password: 'stride-demo-1' }));
  expect(login.status).toBe(200);
  session = cookieHeader(login);
});
afterAll(() => t?.stop());

const play = (id: string, headers: Record<string, string> = {}) =>
  t.site(`/api/playback/${id}`, { headers: { cookie: session, ...headers } });

describe('the stream door through the local CloudFront', () => {
  it('refuses a program before its launch: 403 not-launched with the date, no media cookie', async () => {
    const response = await play('w-cycling-01');
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ reason: 'not-launched', availableAt: '2027-02-01T06:00:00.000Z' });
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('refuses outside the licence: 451 in Japan, granted in Britain', async () => {
    const japan = await play('w-boxing-01', { [LOCAL_VIEWER_COUNTRY_HEADER]: 'JP' });
    expect(japan.status).toBe(451);
    expect(await japan.json()).toMatchObject({ reason: 'unlicensed' });
    expect(japan.headers.getSetCookie()).toEqual([]);
    expect((await play('w-boxing-01', { [LOCAL_VIEWER_COUNTRY_HEADER]: 'GB' })).status).toBe(200);
  });

  it('ignores a CloudFront-Viewer-Country the viewer sends itself (CloudFront sets it)', async () => {
    const forged = await play('w-boxing-01', { 'CloudFront-Viewer-Country': 'GB', [LOCAL_VIEWER_COUNTRY_HEADER]: 'JP' });
    expect(forged.status).toBe(451);
  });

  it('refuses a viewer without a subscription and a signed-out one, each with its reason', async () => {
    const free = cookieHeader(await t.site('/api/auth/login', json({ email: 'free@stride.test', password: 'stride-demo-1' })));
    const refused = await t.site('/api/playback/w-hiit30-01', { headers: { cookie: free } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ reason: 'subscription-required' });
    const anonymous = await t.site('/api/playback/w-hiit30-01');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ reason: 'signed-out' });
  });
});

describe('each region reached around CloudFront', () => {
  for (const region of ['us-east-1', 'us-west-1'] as const) {
    it(`${region}: refuses playback with a forged country (403), answers the health checks' ping`, async () => {
      const url = t.stack.regions[region].url;
      const direct = await fetch(`${url}/api/playback/w-hiit30-01`, { headers: { cookie: session, 'CloudFront-Viewer-Country': 'US' } });
      expect(direct.status).toBe(403);
      expect(await direct.json()).toMatchObject({ reason: 'direct-origin' });
      expect(direct.headers.getSetCookie()).toEqual([]);
      const guessed = await fetch(`${url}/api/playback/w-hiit30-01`, {
        headers: { cookie: session, [ORIGIN_VERIFY_HEADER]: 'a-guess-at-the-secret-0000000000000' },
      });
      expect(guessed.status).toBe(403);
      expect((await fetch(`${url}/api/auth/login`, json({ email: 'demo@stride.test', password: 'stride-demo-1' }))).status).toBe(403);
      expect((await fetch(`${url}/api/ping`)).status).toBe(200);
    });
  }
});

describe('the media door', () => {
  it('opens one workout’s media folder with its grant, and no other', async () => {
    const grant = await play('w-hiit30-01');
    expect(grant.status).toBe(200);
    const media = `${session}; ${cookieHeader(grant)}`;
    expect((await t.site('/media/sample-hiit/master.m3u8', { headers: { cookie: media } })).status).toBe(200);
    // The same cookies for another workout's stream (sample-yoga): CloudFront refuses them.
    expect((await t.site('/media/sample-yoga/master.m3u8', { headers: { cookie: media } })).status).toBe(403);
    expect((await t.site('/media/sample-hiit/master.m3u8')).status).toBe(403);
  });

  it('stops opening it once the grant has expired', async () => {
    const grant = await play('w-hiit30-01');
    const media = `${session}; ${cookieHeader(grant)}`;
    const expiresAt = Date.parse(((await grant.json()) as { expiresAt: string }).expiresAt);
    t.clock.now = expiresAt + 1000;
    try {
      expect((await t.site('/media/sample-hiit/master.m3u8', { headers: { cookie: media } })).status).toBe(403);
    } finally {
      t.clock.now = Date.parse('2026-12-05T06:00:00Z');
    }
  });
});
