import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { close, listen } from '../listen';
import { waitFor } from '../testing/harness';
import { FailoverRecordSet } from './failover-record';
import { HealthCheck, probe } from './health-check';
import { ResolverCache } from './resolver-cache';

let status = 200;
let hang = false;
let server: Server;
let port = 0;
beforeAll(async () => {
  server = createServer((_req, res) => {
    if (hang) return; // never answers: the probe's timeout decides
    res.writeHead(status);
    res.end();
  });
  port = await listen(server, 0, 'test origin', '-');
});
afterAll(async () => {
  await close(server);
});

describe('probe', () => {
  it.each([
    [200, true],
    [301, true],
    [399, true],
    [404, false],
    [429, false],
    [500, false],
  ])('HTTP %i → healthy %s', async (code, ok) => {
    status = code;
    expect((await probe('127.0.0.1', port, '/api/ping', 1000)).ok).toBe(ok);
  });

  it('fails a probe that gets no answer within the timeout, and a refused connection', async () => {
    hang = true;
    try {
      expect(await probe('127.0.0.1', port, '/', 50)).toEqual({ ok: false, status: 'no response in 50 ms' });
    } finally {
      hang = false;
    }
    const refused = await probe('127.0.0.1', 1, '/', 500);
    expect(refused.ok).toBe(false);
  });
});

describe('HealthCheck aggregation', () => {
  const make = (checkers: number) =>
    new HealthCheck({
      id: 'hc',
      host: '127.0.0.1',
      port,
      path: '/',
      requestIntervalMs: 1000,
      failureThreshold: 3,
      checkers,
      timeoutMs: 500,
    });

  it('is healthy while more than 18 % of checkers say so', () => {
    const hc = make(10);
    hc.checkers.forEach((c, i) => (c.healthy = i < 2)); // 20 %
    expect(hc.healthy).toBe(true);
    hc.checkers.forEach((c, i) => (c.healthy = i < 1)); // 10 %
    expect(hc.healthy).toBe(false);
    const small = make(5);
    small.checkers.forEach((c, i) => (c.healthy = i < 1)); // 20 %
    expect(small.healthy).toBe(true);
  });

  it('flips a checker only after failureThreshold consecutive failures, and back after as many successes', async () => {
    status = 500;
    const hc = new HealthCheck({
      id: 'hc',
      host: '127.0.0.1',
      port,
      path: '/',
      requestIntervalMs: 20,
      failureThreshold: 3,
      checkers: 1,
      timeoutMs: 500,
    });
    const changes: boolean[] = [];
    hc.start((healthy) => changes.push(healthy));
    try {
      await waitFor(() => !hc.healthy, 'unhealthy');
      expect(hc.checkers[0]?.consecutiveFailures).toBeGreaterThanOrEqual(3);
      status = 200;
      await waitFor(() => hc.healthy, 'healthy again');
      expect(hc.checkers[0]?.consecutiveSuccesses).toBeGreaterThanOrEqual(3);
      expect(changes).toEqual([false, true]);
    } finally {
      hc.stop();
    }
  });
});

describe('failover records and the resolver cache', () => {
  const target = (region: string, healthy: boolean) => {
    const hc = new HealthCheck({
      id: region,
      host: '127.0.0.1',
      port,
      path: '/',
      requestIntervalMs: 1000,
      failureThreshold: 1,
      checkers: 1,
      timeoutMs: 500,
    });
    (hc.checkers[0] as { healthy: boolean }).healthy = healthy;
    return { region, host: '127.0.0.1', port, healthCheck: hc };
  };

  it('answers PRIMARY when healthy, SECONDARY when only it is healthy, PRIMARY when both are unhealthy', () => {
    expect(new FailoverRecordSet('api', target('p', true), target('s', true), 60).resolve().region).toBe('p');
    expect(new FailoverRecordSet('api', target('p', false), target('s', true), 60).resolve().region).toBe('s');
    expect(new FailoverRecordSet('api', target('p', false), target('s', false), 60).resolve().region).toBe('p');
  });

  it('keeps an answer for its TTL', () => {
    const primary = target('p', true);
    let now = 0;
    const cache = new ResolverCache(new FailoverRecordSet('api', primary, target('s', true), 60), () => now);
    expect(cache.resolve().region).toBe('p');
    (primary.healthCheck.checkers[0] as { healthy: boolean }).healthy = false;
    now = 59_999;
    expect(cache.resolve().region).toBe('p');
    now = 60_000;
    expect(cache.resolve().region).toBe('s');
  });
});
