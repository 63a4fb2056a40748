import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ORIGIN_VERIFY_HEADER } from '@stride/contract/origin-access';
import { API_FAILOVER_STATUS_CODES, API_ORIGIN_TIMEOUTS } from '@stride/contract/region-routing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { close, listen } from '../listen';
import { BucketOrigin } from './bucket-origin';
import { createDistribution, type Distribution } from './distribution';
import type { LocalHttpOrigin, LocalHttpOriginGroup } from './distribution-config';
import { askHttpOriginGroup, type ForwardedRequest } from './http-origin';

/**
 * The API's origin group and region-pinned origins in the local CloudFront, against two real
 * loopback "regions" whose answers each test sets: what CloudFront documents for an origin group of
 * custom origins (fail over only GET/HEAD/OPTIONS, on a connection failure, a timeout or a
 * configured code; the same request to the secondary; the secondary's answer to the viewer).
 */
interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}
type Answer = { status: number; body?: string } | 'hang';

class Region {
  readonly received: Received[] = [];
  answer: Answer = { status: 200 };
  port = 0;
  readonly server: Server;
  constructor(readonly name: string) {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        this.received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        const answer = this.answer;
        if (answer === 'hang') return;
        res.writeHead(answer.status, { 'content-type': 'application/json', 'x-stride-region': this.name });
        res.end(req.method === 'HEAD' ? undefined : (answer.body ?? JSON.stringify({ from: this.name })));
      });
    });
  }
  resolver(domainName: string, port = () => this.port) {
    return { domainName, resolve: () => ({ host: '127.0.0.1', port: port(), region: this.name }) };
  }
}

const SECRET = 'origin-verify-test-value-0123456789abcdef';
let root = '';
let east: Region;
let west: Region;
/** A port nothing listens on: connecting is refused at once. */
let deadPort = 0;
/** The primary region's server unreachable (its domain leads to deadPort). */
let eastDown = false;
const eastPort = () => (eastDown ? deadPort : east.port);
let distribution: Distribution;
let base = '';

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'stride-api-group-'));
  east = new Region('us-east-1');
  west = new Region('us-west-1');
  east.port = await listen(east.server, 0, 'east', '-');
  west.port = await listen(west.server, 0, 'west', '-');
  const dead = createServer();
  deadPort = await listen(dead, 0, 'dead', '-');
  await close(dead);
  const bucket = (name: string) => new BucketOrigin(name, path.join(root, name));
  distribution = createDistribution({
    edge: {},
    site: { primary: bucket('site'), replica: bucket('site-replica') },
    media: { primary: bucket('media'), replica: bucket('media-replica') },
    trustedKeys: [],
    // Route 53 still answers the primary (it has not flipped yet).
    api: east.resolver('api.stride.local', eastPort),
    apiRegions: { primary: east.resolver('api-us-east-1.stride.local', eastPort), secondary: west.resolver('api-us-west-1.stride.local') },
    resolveSecret: () => SECRET,
  });
  base = `http://127.0.0.1:${await listen(distribution.server, 0, 'test distribution', '-')}`;
});
afterEach(() => {
  east.received.length = 0;
  west.received.length = 0;
  east.answer = { status: 200 };
  west.answer = { status: 200 };
  eastDown = false;
});
afterAll(async () => {
  await close(distribution.server);
  for (const region of [east, west]) {
    region.server.closeAllConnections();
    await close(region.server);
  }
  rmSync(root, { recursive: true, force: true });
});

const failovers = () => distribution.counters.snapshot().originGroupFailovers?.['api-regions'] ?? 0;
const viewer = { cookie: 'stride_session=abc', accept: 'application/json' };

describe('the API origin group (GET /api/playback/*, /api/progress, /api/me)', () => {
  it.each(API_FAILOVER_STATUS_CODES.map((code) => [code]))(
    'sends the same GET to the secondary when the primary answers %i, and the viewer gets the secondary’s answer',
    async (code) => {
      east.answer = { status: code };
      const before = failovers();
      const response = await fetch(`${base}/api/playback/w-hiit30-01?quality=hd`, { headers: viewer });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-stride-region')).toBe('us-west-1');
      expect(await response.json()).toEqual({ from: 'us-west-1' });
      expect(failovers()).toBe(before + 1);
      const [first] = east.received;
      const [second] = west.received;
      // Unchanged but for Host, the origin's own name.
      expect(second).toMatchObject({ method: 'GET', url: '/api/playback/w-hiit30-01?quality=hd', body: '' });
      expect(second?.headers).toMatchObject({ cookie: viewer.cookie, accept: viewer.accept, [ORIGIN_VERIFY_HEADER]: SECRET });
      expect(second?.headers.host).toBe('api-us-west-1.stride.local');
      expect(first?.headers.host).toBe('api-us-east-1.stride.local');
      expect(second?.headers['x-amz-cf-id']).toBe(first?.headers['x-amz-cf-id']);
    },
  );

  it.each([[400], [401], [403], [404], [416], [451]])(
    'answers the primary’s %i as it is: only configured codes fail over',
    async (code) => {
      east.answer = { status: code, body: '{"reason":"refused"}' };
      const response = await fetch(`${base}/api/me`, { headers: viewer });
      expect(response.status).toBe(code);
      expect(response.headers.get('x-stride-region')).toBe('us-east-1');
      expect(await response.text()).toBe('{"reason":"refused"}');
      expect(west.received).toEqual([]);
    },
  );

  it('never fails over on 429 (CloudFront cannot)', async () => {
    east.answer = { status: 429 };
    const response = await fetch(`${base}/api/progress?workout=w-1`, { headers: viewer });
    expect(response.status).toBe(429);
    expect(west.received).toEqual([]);
  });

  it('fails over when the primary refuses the connection (after its one attempt)', async () => {
    eastDown = true;
    const response = await fetch(`${base}/api/progress?workout=w-1`, { headers: viewer });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-stride-region')).toBe('us-west-1');
    expect(west.received.map((r) => r.url)).toEqual(['/api/progress?workout=w-1']);
    expect(distribution.counters.snapshot().originRequests['api unanswered']).toBeGreaterThanOrEqual(
      API_ORIGIN_TIMEOUTS.connectionAttempts,
    );
  });

  it('gives the viewer the secondary’s error when both fail, and CloudFront’s 502 when neither can be reached', async () => {
    east.answer = { status: 500 };
    west.answer = { status: 503, body: '{"message":"Service Unavailable"}' };
    const both = await fetch(`${base}/api/me`, { headers: viewer });
    expect(both.status).toBe(503);
    expect(both.headers.get('x-stride-region')).toBe('us-west-1');
    eastDown = true;
    west.answer = { status: 500 };
    expect((await fetch(`${base}/api/me`)).status).toBe(500);
  });

  it('fails HEAD and OPTIONS over too, and refuses other methods with CloudFront’s 403 before any region is asked', async () => {
    east.answer = { status: 502 };
    const head = await fetch(`${base}/api/me`, { method: 'HEAD' });
    expect(head.headers.get('x-stride-region')).toBe('us-west-1');
    const options = await fetch(`${base}/api/me`, { method: 'OPTIONS' });
    expect(options.headers.get('x-stride-region')).toBe('us-west-1');
    expect(west.received.map((r) => r.method)).toEqual(['HEAD', 'OPTIONS']);
    east.received.length = 0;
    west.received.length = 0;
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const refused = await fetch(`${base}/api/progress`, { method, body: '{}', headers: { 'content-type': 'application/json' } });
      expect(refused.status, method).toBe(403);
      expect(await refused.text()).toContain('not configured to allow the HTTP request method');
    }
    expect([...east.received, ...west.received]).toEqual([]);
  });
});

describe('region-pinned paths (/api/region/<role>/*): one region, every method, no failover', () => {
  it('sends a PUT with its body to the named region only, path unchanged', async () => {
    const body = JSON.stringify({ positionSec: 42, savedAt: '2026-12-05T06:00:00.000Z' });
    const put = (role: string) =>
      fetch(`${base}/api/region/${role}/progress/w-1`, {
        method: 'PUT',
        headers: { ...viewer, 'content-type': 'application/json' },
        body,
      });
    expect((await put('secondary')).headers.get('x-stride-region')).toBe('us-west-1');
    expect(west.received).toEqual([expect.objectContaining({ method: 'PUT', url: '/api/region/secondary/progress/w-1', body })]);
    expect(west.received[0]?.headers['content-type']).toBe('application/json');
    expect(east.received).toEqual([]);
    // The primary's 500 on its pinned path is the viewer's: a pinned path is that region or nothing.
    east.answer = { status: 500 };
    expect((await put('primary')).status).toBe(500);
    expect(east.received.map((r) => r.body)).toEqual([body]);
    expect(west.received).toHaveLength(1);
  });

  it('answers CloudFront’s 502 when the pinned region cannot be reached', async () => {
    eastDown = true;
    const response = await fetch(`${base}/api/region/primary/me`);
    expect(response.status).toBe(502);
    expect(west.received).toEqual([]);
  });
});

describe('/api/* (the Route 53 failover name): no origin group', () => {
  it('answers the primary’s 500 for a read and a write alike', async () => {
    east.answer = { status: 500 };
    expect((await fetch(`${base}/api/programs`)).status).toBe(500);
    expect((await fetch(`${base}/api/views`, { method: 'POST', body: '{}' })).status).toBe(500);
    expect(west.received).toEqual([]);
  });
});

describe('timeouts (origin response timeout and connection attempts)', () => {
  // The group itself with short timeouts: CloudFront's minimum is 1 s, too long to wait for here.
  const origin = (region: Region, attempts: number): LocalHttpOrigin => ({
    kind: 'http',
    name: region.name,
    endpoint: region === east ? 'primary' : 'secondary',
    ...region.resolver(`api-${region.name}.test`),
    customHeaders: [],
    timeouts: { connectionAttempts: attempts, connectionTimeoutMs: 200, responseTimeoutMs: 150 },
  });
  const group = (attempts: number): LocalHttpOriginGroup => ({
    kind: 'http-group',
    name: 'api-regions',
    primary: origin(east, attempts),
    fallback: origin(west, 1),
    failoverStatusCodes: new Set(API_FAILOVER_STATUS_CODES),
  });
  const request = (method: string): ForwardedRequest => ({
    method,
    path: '/api/me',
    viewerHeaders: {},
    viewerAddress: '127.0.0.1',
    body: Buffer.alloc(0),
    requestId: 'test',
    settings: { policy: null, generated: [] },
  });

  it('asks the secondary once the primary has not answered within the response timeout, each attempt counted', async () => {
    east.answer = 'hang';
    const reasons: string[] = [];
    const outcome = await askHttpOriginGroup(group(2), request('GET'), { onFailover: (reason) => reasons.push(reason) });
    expect(outcome.kind).toBe('response');
    if (outcome.kind === 'response') {
      expect(outcome.region).toBe('us-west-1');
      outcome.response.resume();
    }
    expect(reasons).toEqual(['response timeout']);
    // "the number of times that CloudFront attempts to get a response from the origin, in the case of an Origin Response Timeout"
    expect(east.received).toHaveLength(2);
  });

  it('gives a PUT’s timeout to the viewer (504 outcome), never to the other region', async () => {
    east.answer = 'hang';
    const outcome = await askHttpOriginGroup(group(1), request('PUT'));
    expect(outcome.kind).toBe('response-timeout');
    expect(west.received).toEqual([]);
  });
});
