import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRIBUTION, EDGE_EVENT_TYPES, withBehavior } from '../../../distribution/distribution-description';
import { cookieHeader, json, startTestStack, type TestStack } from '../testing/harness';
import { LOCAL_VIEWER_COUNTRY_HEADER } from './viewer-facts';

let t: TestStack;
beforeAll(async () => {
  t = await startTestStack();
});
afterAll(async () => {
  await t?.stop();
});

const xCache = (r: Response) => r.headers.get('x-cache');

describe('local CloudFront cache', () => {
  it('misses, then hits with an age, until the TTL from Cache-Control runs out', async () => {
    const first = await t.site('/ttl/a.html');
    expect(first.status).toBe(200);
    expect(xCache(first)).toBe('Miss from cloudfront');
    expect(first.headers.get('age')).toBeNull();
    t.clock.advance(30);
    const second = await t.site('/ttl/a.html');
    expect(xCache(second)).toBe('Hit from cloudfront');
    expect(second.headers.get('age')).toBe('30');
    expect(await second.text()).toBe('ttl a');
    t.clock.advance(31);
    // Expired: CloudFront revalidates with the ETag; the bucket's 304 makes it a RefreshHit.
    const third = await t.site('/ttl/a.html');
    expect(xCache(third)).toBe('RefreshHit from cloudfront');
    expect(await third.text()).toBe('ttl a');
  });

  it('serves a changed object only after expiry (or an invalidation), not before', async () => {
    await t.site('/ttl/b.html'); // 404 first: warms nothing useful
    await t.putSite({ 'ttl/c.html': 'c v1' });
    expect(await (await t.site('/ttl/c.html')).text()).toBe('c v1');
    await t.putSite({ 'ttl/c.html': 'c v2' });
    expect(await (await t.site('/ttl/c.html')).text()).toBe('c v1');
    t.clock.advance(61);
    const refreshed = await t.site('/ttl/c.html');
    expect(xCache(refreshed)).toBe('Miss from cloudfront');
    expect(await refreshed.text()).toBe('c v2');
  });

  it('does not cache no-store (MinTTL 0), clamps max-age to MaxTTL, and prefers s-maxage', async () => {
    await t.site('/nostore/a.html');
    expect(xCache(await t.site('/nostore/a.html'))).toBe('Miss from cloudfront');

    await t.site('/smax/a.html');
    t.clock.advance(50); // past max-age=5, within s-maxage=100
    expect(xCache(await t.site('/smax/a.html'))).toBe('Hit from cloudfront');

    await t.site('/huge/a.html');
    t.clock.advance(31_536_000 + 1); // MaxTTL is a year, whatever max-age says
    expect(xCache(await t.site('/huge/a.html'))).not.toBe('Hit from cloudfront');
  });

  it('serves stale within stale-while-revalidate and refreshes behind it', async () => {
    expect(await (await t.site('/swr/a.html')).text()).toBe('swr a v1');
    await t.putSite({ 'swr/a.html': 'swr a v2' });
    t.clock.advance(15); // expired (10 s) but within 10 + 30
    const stale = await t.site('/swr/a.html');
    expect(xCache(stale)).toBe('Hit from cloudfront');
    expect(await stale.text()).toBe('swr a v1');
    // The background refresh lands; poll (bounded) until the new copy is served from cache.
    let body = '';
    for (let i = 0; i < 100 && body !== 'swr a v2'; i += 1) body = await (await t.site('/swr/a.html')).text();
    expect(body).toBe('swr a v2');
  });

  it('leaves cookies and query strings out of the static cache key', async () => {
    await t.putSite({ 'ttl/key.html': 'key' });
    expect(xCache(await t.site('/ttl/key.html', { headers: { cookie: 'a=1' } }))).toBe('Miss from cloudfront');
    expect(xCache(await t.site('/ttl/key.html', { headers: { cookie: 'stride_session=other; b=2' } }))).toBe('Hit from cloudfront');
    expect(xCache(await t.site('/ttl/key.html?utm_source=x'))).toBe('Hit from cloudfront');
  });

  it('answers a matching If-None-Match with 304 from the cache', async () => {
    const first = await t.site('/ttl/a.html');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const conditional = await t.site('/ttl/a.html', { headers: { 'if-none-match': etag } });
    expect(conditional.status).toBe(304);
    expect(await conditional.text()).toBe('');
    expect((await t.site('/ttl/a.html', { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
  });

  it('caches an error as long as its Cache-Control says (ErrorCachingMinTTL 0), and not at all without one', async () => {
    // /ttl/ errors get max-age=60 from the origin-response fixture.
    const missing = await t.site('/ttl/missing-page.html');
    expect(missing.status).toBe(404);
    expect(xCache(missing)).toBe('Error from cloudfront');
    expect(await missing.text()).toContain('<Code>NoSuchKey</Code>');
    await t.putSite({ 'ttl/missing-page.html': 'now here' });
    t.clock.advance(59);
    const cached = await t.site('/ttl/missing-page.html');
    expect(cached.status).toBe(404);
    expect(xCache(cached)).toBe('Error from cloudfront');
    expect(cached.headers.get('age')).toBe('59');
    t.clock.advance(2);
    const fresh = await t.site('/ttl/missing-page.html');
    expect(fresh.status).toBe(200);
    expect(await fresh.text()).toBe('now here');

    // No Cache-Control on the error: the next request asks the origin again.
    expect((await t.site('/gone-then-back.html')).status).toBe(404);
    await t.putSite({ 'gone-then-back.html': 'back' });
    const back = await t.site('/gone-then-back.html');
    expect(back.status).toBe(200);
    expect(await back.text()).toBe('back');
  });

  it('refuses methods the behavior does not allow', async () => {
    const response = await t.site('/page.html', { method: 'POST', body: 'x' });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('not configured to allow the HTTP request method');
  });
});

describe('invalidations', () => {
  it('removes exact paths and * prefixes, keeping the rest', async () => {
    await t.putSite({ 'ttl/inv/one.html': '1', 'ttl/inv/two.html': '2', 'ttl/keep.html': 'k' });
    for (const p of ['/ttl/inv/one.html', '/ttl/inv/two.html', '/ttl/keep.html']) await t.site(p);
    const created = await t.console('/api/invalidations', json({ paths: ['/ttl/inv/*'], callerReference: 'test-1' }));
    expect(created.status).toBe(201);
    const { invalidation } = (await created.json()) as {
      invalidation: { Id: string; Status: string; removedObjects: number; InvalidationBatch: { Paths: { Quantity: number } } };
    };
    expect(invalidation).toMatchObject({ Status: 'Completed', removedObjects: 2, InvalidationBatch: { Paths: { Quantity: 1 } } });
    expect(xCache(await t.site('/ttl/inv/one.html'))).toBe('Miss from cloudfront');
    expect(xCache(await t.site('/ttl/keep.html'))).toBe('Hit from cloudfront');
    // The same CallerReference is the same invalidation, not a second one.
    const again = (await (
      await t.console('/api/invalidations', json({ paths: ['/ttl/keep.html'], callerReference: 'test-1' }))
    ).json()) as { invalidation: { Id: string } };
    expect(again.invalidation.Id).toBe(invalidation.Id);
    expect(xCache(await t.site('/ttl/keep.html'))).toBe('Hit from cloudfront');
  });

  it.each([
    [{ paths: [] }, 'paths must list at least one path'],
    [{ paths: ['no-slash'] }, 'each path must start with /'],
    [{ paths: ['/a*/b'] }, 'may only be the last character'],
    [{ paths: '/x' }, 'paths must be a list of strings'],
  ])('rejects %j with a 400 naming the problem', async (body, message) => {
    const response = await t.console('/api/invalidations', json(body));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain(message);
  });
});

describe('origin group', () => {
  it('fails over to the replica on 404 from the primary, counted as the site group’s failover', async () => {
    const failovers = () => t.stack.distribution.counters.snapshot().originGroupFailovers?.site ?? 0;
    const before = failovers();
    const response = await t.site('/only-in-replica.html');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('from the replica');
    expect(t.stack.distribution.log.recent.find((e) => e.path === '/only-in-replica.html')?.origin).toBe('stride-site-replica');
    expect(failovers()).toBe(before + 1);
  });

  it('fails over when the primary bucket cannot be reached, and not for POST', async () => {
    const down = await t.console('/api/origins/stride-site-primary', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ available: false }),
    });
    expect(down.status).toBe(200);
    try {
      const response = await t.site('/page.html?fresh=1');
      // The query is not in the key, so bust the cache with an invalidation first.
      expect(response.status).toBe(200);
      await t.console('/api/invalidations', json({ paths: ['/page.html'] }));
      await t.site('/page.html');
      expect(t.stack.distribution.log.recent.find((e) => e.path === '/page.html')?.origin).toBe('stride-site-replica');
    } finally {
      await t.console('/api/origins/stride-site-primary', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ available: true }),
      });
    }
  });

  it('answers 502 when both buckets are unreachable', async () => {
    t.stack.site.primary.available = false;
    t.stack.site.replica.available = false;
    try {
      const response = await t.site('/ttl/unreachable.html');
      expect(response.status).toBe(502);
      expect(await response.text()).toContain("wasn't able to connect to the origin");
    } finally {
      t.stack.site.primary.available = true;
      t.stack.site.replica.available = true;
    }
  });
});

describe('Lambda@Edge at all four events', () => {
  // The Stride distribution associates viewer-request and origin-response; this one associates
  // a bundle at every event, to exercise the whole chain.
  let t: TestStack;
  beforeAll(async () => {
    const everyEvent = withBehavior(DISTRIBUTION, '*', (b) => ({
      ...b,
      edgeFunctions: EDGE_EVENT_TYPES.map((eventType) => ({ eventType, functionName: eventType })),
    }));
    t = await startTestStack({}, { distribution: everyEvent });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('runs viewer-request → origin-request → origin-response → viewer-response on a miss', async () => {
    await t.putSite({ 'ttl/edge.html': 'edge' });
    const response = await t.site('/ttl/edge.html');
    expect(xCache(response)).toBe('Miss from cloudfront');
    // origin-request throws unless it sees the header viewer-request added, so a 200 proves the chain.
    expect(response.status).toBe(200);
    expect(response.headers.get('x-origin-response')).toBe('ran');
    expect(response.headers.get('x-viewer-response')).toBe('ran');
    expect(await (await t.site('/')).text()).toBe('<h1>home</h1>');
  });

  it('skips viewer-response when the origin returned >= 400', async () => {
    const response = await t.site('/nothing-here.html');
    expect(response.status).toBe(404);
    expect(response.headers.get('x-origin-response')).toBe('ran');
    expect(response.headers.get('x-viewer-response')).toBeNull();
  });

  it('returns a viewer-request generated response as is, uncached', async () => {
    const response = await t.site('/vr/generated');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('generated at viewer-request');
    expect(xCache(response)).toBe('LambdaGeneratedResponse from cloudfront');
    expect(response.headers.get('x-viewer-response')).toBeNull();
  });

  it('caches an origin-request generated response', async () => {
    expect(await (await t.site('/or/generated.html')).text()).toBe('generated at origin-request');
    expect(xCache(await t.site('/or/generated.html'))).toBe('Hit from cloudfront');
  });

  it.each([
    ['/vr/throw', 502, 'LambdaExecutionError'],
    ['/vr/timeout', 503, 'LambdaLimitExceeded'],
    ['/vr/too-big', 502, 'LambdaValidationError'],
    ['/vr/read-only', 502, 'LambdaValidationError'],
    ['/vr/disallowed', 502, 'LambdaValidationError'],
    ['/vr/invalid', 502, 'LambdaValidationError'],
    ['/or/too-big.html', 502, 'LambdaValidationError'],
    ['/or/read-only.html', 502, 'LambdaValidationError'],
    ['/ores/via.html', 502, 'LambdaValidationError'],
  ])('%s → %i (%s), with no stack trace', async (pathname, status, kind) => {
    const response = await t.site(pathname);
    expect(response.status).toBe(status);
    expect(xCache(response)).toBe(`${kind} from cloudfront`);
    const body = await response.text();
    expect(body).toContain('The request could not be satisfied');
    expect(body).not.toMatch(/at .*\.(js|ts):\d+/);
  });
});

describe('signed-cookie media', () => {
  const login = async (email: string) => t.site('/api/auth/login', json({ email, password: 'stride-demo-1' }));

  it('403s without cookies and serves the workout media with the playback cookies', async () => {
    expect((await t.site('/media/sample-hiit/master.m3u8')).status).toBe(403);
    const session = cookieHeader(await login('demo@stride.test'));
    const playback = await t.site('/api/playback/w-hiit30-01', { headers: { cookie: session } });
    expect(playback.status).toBe(200);
    const { hlsUrl } = (await playback.json()) as { hlsUrl: string };
    const media = cookieHeader(playback);
    const manifest = await t.site(hlsUrl, { headers: { cookie: media } });
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(await manifest.text()).toContain('#EXTM3U');
    expect((await t.site('/media/sample-hiit/seg0.ts', { headers: { cookie: media } })).status).toBe(200);
    // The policy covers this workout's media folder only.
    expect((await t.site('/media/sample-yoga/master.m3u8', { headers: { cookie: media } })).status).toBe(403);
    // Tampered signature, and expiry.
    expect(
      (
        await t.site(hlsUrl, {
          headers: {
            cookie: media.replace(/CloudFront-Signature=(.)/, (_m, c: string) => `CloudFront-Signature=${c === 'A' ? 'B' : 'A'}`),
          },
        })
      ).status,
    ).toBe(403);
    t.clock.advance(4 * 3600 + 1);
    expect((await t.site('/media/sample-hiit/seg0.ts?after-expiry', { headers: { cookie: media } })).status).toBe(403);
  });

  it('keeps serving a workout from the media replica when the media bucket is taken away', async () => {
    const session = cookieHeader(await login('demo@stride.test'));
    const media = cookieHeader(await t.site('/api/playback/w-hiit30-01', { headers: { cookie: session } }));
    await t.console('/api/invalidations', json({ paths: ['/media/*'] }));
    const down = await t.console('/api/origins/stride-media', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ available: false }),
    });
    expect(down.status).toBe(200);
    try {
      const segment = await t.site('/media/sample-hiit/seg0.ts', { headers: { cookie: media } });
      expect(segment.status).toBe(200);
      expect(Buffer.from(await segment.arrayBuffer())).toEqual(Buffer.from([0x47, 0, 1, 2]));
      expect(t.stack.distribution.log.recent.find((e) => e.path === '/media/sample-hiit/seg0.ts')?.origin).toBe('stride-media-replica');
      // Signed cookies are checked before any origin: the replica does not open the door.
      expect((await t.site('/media/sample-yoga/master.m3u8', { headers: { cookie: media } })).status).toBe(403);
    } finally {
      await t.console('/api/origins/stride-media', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ available: true }),
      });
    }
  });
});

describe('access log', () => {
  it('writes one JSON line per request with cache result, edge time, origin and region', async () => {
    await t.site('/api/ping');
    await t.site('/page.html');
    const file = path.join(t.dirs.data, 'logs', 'access.log');
    let lines: Record<string, unknown>[] = [];
    for (let i = 0; i < 100 && !lines.some((l) => l.path === '/api/ping'); i += 1) {
      lines = readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      if (!lines.some((l) => l.path === '/api/ping')) await new Promise((r) => setTimeout(r, 20));
    }
    const api = lines.findLast((l) => l.path === '/api/ping');
    expect(api).toMatchObject({ method: 'GET', status: 200, cache: 'Miss', origin: 'api.stride.local', region: 'us-east-1' });
    const page = lines.findLast((l) => l.path === '/page.html');
    expect(page).toMatchObject({ status: 200, region: null });
    expect(typeof page?.edgeMs).toBe('number');
    expect(typeof page?.time).toBe('string');
  });
});

describe('CloudFront API for SDK clients', () => {
  it('CreateInvalidation / GetInvalidation through the real @aws-sdk/client-cloudfront', async () => {
    const { CloudFrontClient, CreateInvalidationCommand, GetInvalidationCommand } = await import('@aws-sdk/client-cloudfront');
    const client = new CloudFrontClient({
      region: 'us-east-1',
      endpoint: t.stack.consoleUrl,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      await t.putSite({ 'ttl/sdk.html': 'sdk' });
      await t.site('/ttl/sdk.html');
      expect(xCache(await t.site('/ttl/sdk.html'))).toBe('Hit from cloudfront');
      const created = await client.send(
        new CreateInvalidationCommand({
          DistributionId: 'ESTRIDELOCAL1',
          InvalidationBatch: { CallerReference: 'sdk-1', Paths: { Quantity: 1, Items: ['/ttl/sdk*'] } },
        }),
      );
      expect(created.Invalidation?.Status).toBe('Completed');
      expect(created.Invalidation?.InvalidationBatch?.Paths?.Items).toEqual(['/ttl/sdk*']);
      expect(xCache(await t.site('/ttl/sdk.html'))).toBe('Miss from cloudfront');
      const got = await client.send(new GetInvalidationCommand({ DistributionId: 'ESTRIDELOCAL1', Id: created.Invalidation?.Id ?? '' }));
      expect(got.Invalidation?.Id).toBe(created.Invalidation?.Id);
      await expect(
        client.send(
          new CreateInvalidationCommand({
            DistributionId: 'EOTHER',
            InvalidationBatch: { CallerReference: 'x', Paths: { Quantity: 1, Items: ['/a'] } },
          }),
        ),
      ).rejects.toMatchObject({ name: 'NoSuchDistribution' });
      await expect(
        client.send(
          new CreateInvalidationCommand({
            DistributionId: 'ESTRIDELOCAL1',
            InvalidationBatch: { CallerReference: 'y', Paths: { Quantity: 1, Items: ['a*b'] } },
          }),
        ),
      ).rejects.toMatchObject({ name: 'InvalidArgument' });
    } finally {
      client.destroy();
    }
  });
});

describe('viewer geolocation', () => {
  it('sets CloudFront-Viewer-Country itself: the default, or the local stand-in header, never what the viewer sent', async () => {
    expect(await (await t.site('/vr/country')).text()).toBe('country=US');
    expect(await (await t.site('/vr/country', { headers: { 'CloudFront-Viewer-Country': 'FR' } })).text()).toBe('country=US');
    expect(await (await t.site('/vr/country', { headers: { [LOCAL_VIEWER_COUNTRY_HEADER]: 'fr' } })).text()).toBe('country=FR');
  });

  it('runs only the functions the behavior associates (viewer-request and origin-response on the default behavior)', async () => {
    await t.putSite({ 'ttl/associated.html': 'a' });
    const response = await t.site('/ttl/associated.html');
    expect(response.status).toBe(200);
    // origin-request would have thrown without the viewer-request header; viewer-response is not associated.
    expect(response.headers.get('x-origin-response')).toBe('ran');
    expect(response.headers.get('x-viewer-response')).toBeNull();
  });
});
