import type { CloudFrontResultResponse } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../shared/security-headers';
import { CACHE_CONTROL } from '@stride/contract/caching';

const { error: ERROR, page: HTML, 'hashed-asset': IMMUTABLE, other: OTHER } = CACHE_CONTROL;
import { originResponseEvent } from './fixtures/events';
import { createOriginResponseHandler } from './handler';

const handler = createOriginResponseHandler({ statusObjects: { '/404.html': 404, '/451.html': 451 } }, () => undefined);
const run = async (...args: Parameters<typeof originResponseEvent>) =>
  (await handler(originResponseEvent(...args))) as CloudFrontResultResponse;
const value = (response: CloudFrontResultResponse, name: string) => response.headers?.[name]?.[0]?.value;

describe('origin-response', () => {
  it('adds the security headers to every response, keeping the origin headers', async () => {
    const response = await run('/programs/hiit-30/index.html');
    expect(value(response, 'strict-transport-security')).toBe('max-age=63072000; includeSubDomains; preload');
    expect(value(response, 'content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(value(response, 'x-content-type-options')).toBe('nosniff');
    expect(value(response, 'referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(value(response, 'permissions-policy')).toContain('camera=()');
    expect(value(response, 'etag')).toBe('"6b2ec5d4b2b2a6f6a2f2c8d0e1f00a11"');
    expect(response.status).toBe('200');
  });

  it('has a strict CSP: no inline script, frames denied, blob: only for media and workers (hls.js)', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("media-src 'self' blob: data:");
    expect(CONTENT_SECURITY_POLICY).toContain("worker-src 'self' blob:");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });

  it('serves the 404 and 451 page objects with their status, cached for seconds', async () => {
    const notFound = await run('/404.html');
    expect(notFound.status).toBe('404');
    expect(notFound.statusDescription).toBe('Not Found');
    expect(value(notFound, 'cache-control')).toBe(ERROR);
    const unavailable = await run('/451.html');
    expect(unavailable.status).toBe('451');
    expect(value(unavailable, 'cache-control')).toBe(ERROR);
  });

  it.each([
    ['/assets/index-B1c2D3e4.js', 200, 'text/javascript', IMMUTABLE],
    ['/assets/index-Dk3_9aZq.css', 200, 'text/css', IMMUTABLE],
    ['/index.html', 200, 'text/html', HTML],
    ['/programs/hiit-30/coming-soon/index.html', 200, 'text/html', HTML],
    ['/data/programs/hiit-30.json', 200, 'application/json', HTML],
    ['/favicon.svg', 200, 'image/svg+xml', OTHER],
    ['/assets/missing-B1c2D3e4.js', 403, 'application/xml', ERROR],
    ['/index.html', 500, 'text/html', ERROR],
    ['/index.html', 304, 'text/html', HTML],
  ])('%s (%i, %s) → Cache-Control %s', async (uri, status, type, expected) => {
    expect(value(await run(uri, status, type), 'cache-control')).toBe(expected);
  });

  it('replaces whatever Cache-Control the origin sent', async () => {
    const response = await run('/assets/index-B1c2D3e4.js', 200, 'text/javascript', { 'Cache-Control': 'no-cache' });
    expect(response.headers?.['cache-control']).toEqual([{ key: 'Cache-Control', value: IMMUTABLE }]);
  });

  it('keeps an origin error status for a status object (a missing 404.html stays an error)', async () => {
    expect((await run('/404.html', 403, 'application/xml')).status).toBe('403');
  });

  it('never throws: a malformed event passes through or becomes a 502', async () => {
    expect((await handler({ Records: [] })) as CloudFrontResultResponse).toMatchObject({ status: '502' });
    const event = originResponseEvent('/index.html');
    const record = event.Records[0]?.cf as unknown as Record<string, unknown>;
    record.request = undefined;
    expect(((await handler(event)) as CloudFrontResultResponse).status).toBe('200');
  });

  it("decorates a release's copy as the site object it holds: its 404 page is a 404, its page data is page data", async () => {
    const notFound = await run('/releases/r-20261205-120000-ab12/404.html');
    expect(notFound.status).toBe('404');
    const data = await run('/releases/r-20261205-120000-ab12/data/programs/hiit-30.json', 200, 'application/json');
    expect(value(data, 'cache-control')).toBe(CACHE_CONTROL['page-data']);
  });
});
