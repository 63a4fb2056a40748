import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, waitFor, type TestStack } from './testing/harness';

// Health checks at 40 ms with threshold 2 and 5 checkers: the drill runs in well under a second,
// with AWS's rules unchanged (consecutive results per checker, > 18 % of checkers decide).
const INTERVAL_MS = 40;
const THRESHOLD = 2;

let t: TestStack;
beforeAll(async () => {
  t = await startTestStack({
    healthCheck: { intervalMs: INTERVAL_MS, failureThreshold: THRESHOLD, checkers: 5, timeoutMs: 2_000 },
    dnsTtlSeconds: 60,
  });
});
afterAll(async () => {
  await t?.stop();
});

const put = (body: unknown) => ({ method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const pingRegion = async () => {
  const response = await t.site('/api/ping');
  return { status: response.status, region: response.headers.get('x-stride-region') };
};
interface State {
  healthChecks: {
    region: string;
    status: string;
    failureThreshold: number;
    checkers: { healthy: boolean; consecutiveFailures: number }[];
  }[];
  dns: { answer: string; cloudFrontResolvesTo: string | null };
  regions: { region: string; reservedConcurrency: number | null; throttled: number }[];
}
const state = async () => (await (await t.console('/api/state')).json()) as State;
const check = async (region: string) => (await state()).healthChecks.find((h) => h.region === region);

describe('kill switch (reserved concurrency)', () => {
  it('throttles every function in the region: API Gateway answers 500, ping included', async () => {
    const west = t.stack.regions['us-west-1'].url;
    expect((await t.console('/api/regions/us-west-1/concurrency', put({ reservedConcurrency: 0 }))).status).toBe(200);
    try {
      for (const p of ['/api/ping', '/api/me', '/api/nope']) {
        const response = await fetch(`${west}${p}`);
        expect(response.status).toBe(500);
        expect(await response.json()).toEqual({ message: 'Internal Server Error' });
        expect(response.headers.get('x-stride-region')).toBe('us-west-1');
      }
      expect((await state()).regions.find((r) => r.region === 'us-west-1')).toMatchObject({ reservedConcurrency: 0 });
    } finally {
      await t.console('/api/regions/us-west-1/concurrency', put({ reservedConcurrency: null }));
    }
    expect((await fetch(`${west}/api/ping`)).status).toBe(200);
  });

  it.each([
    [{ reservedConcurrency: -1 }, 'must be 0 or more'],
    [{ reservedConcurrency: 1.5 }, 'must be a whole number'],
    [{ reservedConcurrency: 'zero' }, 'must be a whole number'],
    [{}, 'reservedConcurrency'],
  ])('rejects %j with a 400', async (body, message) => {
    const response = await t.console('/api/regions/us-east-1/concurrency', put(body));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain(message);
  });

  it('404s an unknown region and 400s bad JSON', async () => {
    expect((await t.console('/api/regions/eu-west-1/concurrency', put({ reservedConcurrency: 0 }))).status).toBe(404);
    expect(
      (await t.console('/api/regions/us-east-1/concurrency', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{' }))
        .status,
    ).toBe(400);
  });
});

describe('Route 53 failover drill through the local CloudFront', () => {
  it('primary down → health check unhealthy → DNS flips after its TTL → us-west-1 answers → restore → fails back', async () => {
    expect(await pingRegion()).toEqual({ status: 200, region: 'us-east-1' });

    await t.console('/api/regions/us-east-1/concurrency', put({ reservedConcurrency: 0 }));
    await waitFor(async () => (await check('us-east-1'))?.status === 'Unhealthy', 'the us-east-1 health check to turn Unhealthy');
    const failed = await check('us-east-1');
    // Each checker that gave up saw at least `threshold` consecutive failures; ≤ 18 % still healthy.
    for (const c of failed?.checkers.filter((x) => !x.healthy) ?? []) expect(c.consecutiveFailures).toBeGreaterThanOrEqual(THRESHOLD);
    expect((failed?.checkers.filter((c) => c.healthy).length ?? 5) / 5).toBeLessThanOrEqual(0.18);
    expect((await state()).dns.answer).toBe('us-west-1');

    // CloudFront still holds the old answer until the record's TTL (60 s) runs out: viewers see 500.
    expect(await pingRegion()).toEqual({ status: 500, region: 'us-east-1' });
    expect((await state()).dns.cloudFrontResolvesTo).toBe('us-east-1');
    t.clock.advance(60);
    expect(await pingRegion()).toEqual({ status: 200, region: 'us-west-1' });
    // Sign-in works in the secondary too: same handler, same (global) table.
    const login = await t.site('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'demo@stride.test', password: 'stride-demo-1' }),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('x-stride-region')).toBe('us-west-1');

    await t.console('/api/regions/us-east-1/concurrency', put({ reservedConcurrency: null }));
    await waitFor(async () => (await check('us-east-1'))?.status === 'Healthy', 'the us-east-1 health check to recover');
    expect((await state()).dns.answer).toBe('us-east-1');
    t.clock.advance(60);
    expect(await pingRegion()).toEqual({ status: 200, region: 'us-east-1' });
  });
});
