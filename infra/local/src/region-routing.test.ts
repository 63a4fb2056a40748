import { FALLBACK_ROLES, progressReadPath, regionPinnedPath } from '@stride/contract/region-routing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieHeader, json, startTestStack, type TestStack } from './testing/harness';

/**
 * A region lost, through the running local CloudFront, before Route 53 has noticed (the harness's
 * health checks probe once a minute, so `api.stride.local` keeps answering the primary): the
 * primary's reserved concurrency at 0, so its API Gateway answers 500 to everything. The reads a
 * play needs are answered by the secondary at once through the API origin group; writes on the
 * default path fail, and the same writes at the secondary's pinned path succeed.
 */
let t: TestStack;
let session = '';
const WORKOUT = 'w-hiit30-01';

beforeAll(async () => {
  t = await startTestStack({}, { edge: false });
  t.clock.now = Date.parse('2026-12-05T06:00:00Z');
  const login = await t.site('/api/auth/login', json({ email: 'demo@stride.test', password: 'stride-demo-1' }));
  expect(login.status).toBe(200);
  session = cookieHeader(login);
});
afterAll(() => t?.stop());

const put = (body: unknown) => ({ method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const withSession = (init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { ...(init.headers as Record<string, string>), cookie: session },
});
const failovers = async () =>
  ((await (await t.console('/api/state')).json()) as { cdn: { originGroupFailovers?: Record<string, number> } }).cdn.originGroupFailovers?.[
    'api-regions'
  ] ?? 0;

describe('the primary region throttled to 0 (API Gateway answers 500), Route 53 not flipped yet', () => {
  it('answers the reads a play needs from the secondary at once; writes fail on /api/* and succeed pinned to the secondary', async () => {
    const progress = { positionSec: 120, durationSec: 1800, savedAt: Date.parse('2026-12-05T06:00:00Z') };
    expect((await t.site(`/api/progress/${WORKOUT}`, withSession(put(progress)))).status).toBe(204);
    await t.stack.dynamo.replication.flush();

    expect((await t.console('/api/regions/us-east-1/concurrency', put({ reservedConcurrency: 0 }))).status).toBe(200);
    try {
      const before = await failovers();
      const grant = await t.site(`/api/playback/${WORKOUT}`, withSession());
      expect(grant.status).toBe(200);
      expect(grant.headers.get('x-stride-region')).toBe('us-west-1');
      expect(grant.headers.getSetCookie().some((c) => c.startsWith('CloudFront-Signature='))).toBe(true);

      const resume = await t.site(progressReadPath(WORKOUT), withSession());
      expect(resume.status).toBe(200);
      expect(resume.headers.get('x-stride-region')).toBe('us-west-1');
      expect(await resume.json()).toMatchObject({ positionSec: 120 });

      const me = await t.site('/api/me', withSession());
      expect(me.status).toBe(200);
      expect(me.headers.get('x-stride-region')).toBe('us-west-1');
      expect(await failovers()).toBe(before + 3);
      // Route 53 still answers the primary: CloudFront's resolver has not moved.
      expect(((await (await t.console('/api/state')).json()) as { dns: { cloudFrontResolvesTo: string } }).dns.cloudFrontResolvesTo).toBe(
        'us-east-1',
      );

      // A write on the default path reaches the dead primary: API Gateway's 500, no failover for a PUT.
      const later = { ...progress, positionSec: 240, savedAt: progress.savedAt + 120_000 };
      const failed = await t.site(`/api/progress/${WORKOUT}`, withSession(put(later)));
      expect(failed.status).toBe(500);
      expect(failed.headers.get('x-stride-region')).toBe('us-east-1');
      // The client's fallback: the same write, pinned to the other region first.
      expect(FALLBACK_ROLES[0]).toBe('secondary');
      const saved = await t.site(regionPinnedPath('secondary', `/api/progress/${WORKOUT}`), withSession(put(later)));
      expect(saved.status).toBe(204);
      expect(saved.headers.get('x-stride-region')).toBe('us-west-1');
      // …and pinned to the primary it fails like the default path: a pinned path is that region or nothing.
      expect((await t.site(regionPinnedPath('primary', `/api/progress/${WORKOUT}`), withSession(put(later)))).status).toBe(500);
      // Sign-in, a POST, works pinned to the secondary too.
      const login = await t.site(
        regionPinnedPath('secondary', '/api/auth/login'),
        json({ email: 'demo@stride.test', password: 'stride-demo-1' }),
      );
      expect(login.status).toBe(200);

      const reread = await t.site(progressReadPath(WORKOUT), withSession());
      expect(await reread.json()).toMatchObject({ positionSec: 240 });
      expect(reread.headers.get('x-stride-region')).toBe('us-west-1');
      // The access log names the region that answered.
      expect(t.stack.distribution.log.recent.find((e) => e.path === '/api/me')).toMatchObject({ status: 200, region: 'us-west-1' });
    } finally {
      await t.console('/api/regions/us-east-1/concurrency', put({ reservedConcurrency: null }));
    }
    // Back: the origin group's primary answers again.
    const back = await t.site('/api/me', withSession());
    expect(back.headers.get('x-stride-region')).toBe('us-east-1');
  });
});
