import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ORIGIN_VERIFY_HEADER } from '@stride/contract/origin-access';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRIBUTION, ORIGIN_VERIFY_SECRET } from '../../../distribution/distribution-description';
import { close, listen } from '../listen';
import { BucketOrigin } from './bucket-origin';
import { createDistribution, type Distribution } from './distribution';
import { LOCAL_VIEWER_COUNTRY_HEADER } from './viewer-facts';

// A distribution whose API origin is an echo server: what it receives is what CloudFront sent.
let root = '';
let api: Server;
let distribution: Distribution;
let base = '';
let received: { url: string; method: string; headers: IncomingHttpHeaders; body: string }[] = [];
const SECRET = 'origin-verify-test-value-0123456789abcdef';

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'stride-api-origin-'));
  api = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ url: req.url ?? '', method: req.method ?? '', headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  const apiPort = await listen(api, 0, 'echo API', '-');
  const bucket = (name: string) => new BucketOrigin(name, path.join(root, name));
  distribution = createDistribution({
    edge: {},
    site: { primary: bucket('site'), replica: bucket('site-replica') },
    media: { primary: bucket('media'), replica: bucket('media-replica') },
    trustedKeys: [],
    api: { domainName: 'api.stride.local', resolve: () => ({ host: '127.0.0.1', port: apiPort, region: 'us-east-1' }) },
    apiRegions: {
      primary: { domainName: 'api-us-east-1.stride.local', resolve: () => ({ host: '127.0.0.1', port: apiPort, region: 'us-east-1' }) },
      secondary: { domainName: 'api-us-west-1.stride.local', resolve: () => ({ host: '127.0.0.1', port: apiPort, region: 'us-west-1' }) },
    },
    resolveSecret: (ref) => {
      if (ref.secretName !== ORIGIN_VERIFY_SECRET.secretName || ref.jsonField !== 'current')
        throw new Error(`unexpected secret ${ref.secretName}:${ref.jsonField}`);
      return SECRET;
    },
    viewerCountry: 'US',
  });
  base = `http://127.0.0.1:${await listen(distribution.server, 0, 'test distribution', '-')}`;
});
afterAll(async () => {
  await close(distribution.server);
  await close(api);
  rmSync(root, { recursive: true, force: true });
});

const lastRequest = () => {
  const last = received[received.length - 1];
  if (!last) throw new Error('the API origin received nothing');
  return last;
};

describe('/api/* through the local CloudFront (origin request policy and origin custom header)', () => {
  it('adds the origin-verify secret, overwriting a value the viewer sent', async () => {
    received = [];
    await fetch(`${base}/api/ping`);
    expect(lastRequest().headers[ORIGIN_VERIFY_HEADER]).toBe(SECRET);
    await fetch(`${base}/api/me`, { headers: { [ORIGIN_VERIFY_HEADER]: 'forged' } });
    expect(lastRequest().headers[ORIGIN_VERIFY_HEADER]).toBe(SECRET);
  });

  it('sets CloudFront-Viewer-Country and CloudFront-Viewer-Address itself, whatever the viewer sent', async () => {
    await fetch(`${base}/api/playback/w-boxing-01`, {
      headers: { 'CloudFront-Viewer-Country': 'JP', 'CloudFront-Viewer-Address': '203.0.113.9:1' },
    });
    const { headers } = lastRequest();
    expect(headers['cloudfront-viewer-country']).toBe('US');
    expect(headers['cloudfront-viewer-address']).toMatch(/^127\.0\.0\.1:\d+$/);
    await fetch(`${base}/api/playback/w-boxing-01`, { headers: { [LOCAL_VIEWER_COUNTRY_HEADER]: 'JP' } });
    expect(lastRequest().headers['cloudfront-viewer-country']).toBe('JP');
    expect(lastRequest().headers[LOCAL_VIEWER_COUNTRY_HEADER]).toBeUndefined();
  });

  it('forwards cookies, query strings, Content-Type and the body; not Host, not other viewer headers', async () => {
    await fetch(`${base}/api/progress/w-1?program=p&x=1`, {
      method: 'PUT',
      headers: {
        cookie: 'stride_session=abc; other=1',
        'content-type': 'application/json',
        'x-custom': 'dropped',
        'CloudFront-Is-SmartTV-Viewer': 'true',
      },
      body: '{"positionSec":3}',
    });
    const request = lastRequest();
    expect(request).toMatchObject({ url: '/api/progress/w-1?program=p&x=1', method: 'PUT', body: '{"positionSec":3}' });
    expect(request.headers).toMatchObject({
      cookie: 'stride_session=abc; other=1',
      'content-type': 'application/json',
      host: 'api.stride.local',
    });
    expect(request.headers['x-custom']).toBeUndefined();
    expect(request.headers['cloudfront-is-smarttv-viewer']).toBeUndefined();
  });

  it('runs what the description says for /api/* (its policy and custom header names)', () => {
    const apiBehavior = distribution.config.behaviors.find((b) => b.pathPattern === '/api/*');
    const described = DISTRIBUTION.behaviors.find((b) => b.pathPattern === '/api/*');
    expect(apiBehavior?.originRequestPolicy?.headers).toEqual(described?.originRequestPolicy?.headers.map((h) => h.toLowerCase()));
    const origin = distribution.config.origins.api;
    expect(origin.kind === 'http' && origin.customHeaders.map((h) => h.name)).toEqual([ORIGIN_VERIFY_HEADER]);
  });
});
