import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRIBUTION } from '../../../distribution/distribution-description';
import { close, listen } from '../listen';
import { writeFiles } from '../testing/harness';
import { BucketOrigin } from './bucket-origin';
import { createDistribution, type Distribution } from './distribution';

// A distribution configured with a replacement page (ResponsePagePath), which the Stride
// distribution does not use today but CloudFront supports.
let root = '';
let distribution: Distribution;
let base = '';
let now = 1_000_000;
beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'stride-cer-'));
  writeFiles(path.join(root, 'site'), { 'errors/404.html': '<h1>custom 404</h1>', 'a.html': 'a' });
  const site = new BucketOrigin('primary', path.join(root, 'site'));
  distribution = createDistribution({
    edge: {},
    site: { primary: site, replica: new BucketOrigin('replica', path.join(root, 'replica')) },
    media: {
      primary: new BucketOrigin('media', path.join(root, 'media')),
      replica: new BucketOrigin('media-replica', path.join(root, 'media-replica')),
    },
    trustedKeys: [],
    api: { domainName: 'api.test', resolve: () => ({ host: '127.0.0.1', port: 9, region: 'nowhere' }) },
    // No API is asked here: every API name leads to the discard port.
    apiRegions: {
      primary: { domainName: 'api-east.test', resolve: () => ({ host: '127.0.0.1', port: 9, region: 'nowhere' }) },
      secondary: { domainName: 'api-west.test', resolve: () => ({ host: '127.0.0.1', port: 9, region: 'nowhere' }) },
    },
    description: {
      ...DISTRIBUTION,
      customErrorResponses: [{ errorCode: 404, responsePagePath: '/errors/404.html', responseCode: 200, errorCachingMinTtl: 30 }],
    },
    resolveSecret: () => 'test-origin-secret',
    now: () => now,
  });
  base = `http://127.0.0.1:${await listen(distribution.server, 0, 'test distribution', '-')}`;
});
afterAll(async () => {
  await close(distribution.server);
  rmSync(root, { recursive: true, force: true });
});

describe('custom error responses with a response page', () => {
  it('serves the page with the configured code and caches it for ErrorCachingMinTTL', async () => {
    const first = await fetch(`${base}/nope.html`);
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('<h1>custom 404</h1>');
    now += 29_000;
    expect((await fetch(`${base}/nope.html`)).headers.get('age')).toBe('29');
  });

  it('answers 502 when the API origin cannot be reached', async () => {
    const response = await fetch(`${base}/api/ping`);
    expect(response.status).toBe(502);
    expect(await response.text()).toContain("wasn't able to connect to the origin (api.test)");
  });
});
