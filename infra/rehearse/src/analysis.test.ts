import { describe, expect, it } from 'vitest';
import type { CountersSnapshot } from '../../local/src/cloudfront/counters';
import { analyse, percentile, type RunFacts } from './analysis';
import type { Sample } from './journeys';
import type { ConsoleSample } from './observe';
import { parseProfile } from './profile';

const profile = parseProfile(
  JSON.stringify({
    name: 'unit',
    program: 'hiit-30',
    phases: [{ name: 'hold', durationSec: 2, arrivalRate: 1 }],
    mix: { signInShare: 1, tvShare: 0, countries: { US: 1 } },
    journey: { segments: 1, progressSaves: 1 },
    accounts: 1,
    projection: { peakArrivalsPerSec: 1000, viewSec: 60 },
    thresholds: { staticHitRatioMin: 0.5, errorsMax: 0, p99MsMax: 1000, achievedArrivalShareMin: 1 },
    limits: { maxViewers: 10, drainSec: 5 },
  }),
  'unit.json',
);

const counts = (requests: number, hits: number, misses: number, bytesOut = 0) => ({
  requests,
  hits,
  misses,
  collapsed: 0,
  generated: 0,
  errors: 0,
  bytesOut,
});
const snapshot = (n: number): CountersSnapshot => ({
  at: '',
  behaviors: { '*': counts(4 * n, 3 * n, n, 1000 * n), '/media/*': counts(2 * n, 2 * n, 0, 100_000 * n), '/api/*': counts(3 * n, 0, 0) },
  kinds: { pages: counts(4 * n, 3 * n, n, 1000 * n), media: counts(2 * n, 2 * n, 0, 100_000 * n), api: counts(3 * n, 0, 0) },
  originRequests: { 'stride-site-primary': n, 'api us-east-1': 3 * n },
  edgeInvocations: { 'viewer-request': { count: 4 * n, totalMs: 4 * n }, 'origin-response': { count: n, totalMs: 0.5 * n } },
});
const consoleAt = (t: number, n: number): ConsoleSample => ({
  t,
  cdn: snapshot(n),
  regions: [{ region: 'us-east-1', running: 1, throttled: 0, reservedConcurrency: null }],
  replicated: 2 * n,
  tables: [],
});

function run(samples: Sample[]): RunFacts {
  return {
    profile,
    siteUrl: 'http://localhost:1',
    startedAt: '2026-12-05T00:00:00.000Z',
    endedAt: '2026-12-05T00:00:03.000Z',
    samples,
    transportErrors: [],
    viewersSent: 2,
    plannedRequests: samples.length,
    stoppedJourneys: 0,
    console: [consoleAt(0, 0), consoleAt(1, 1), consoleAt(2, 2)],
    api: { memoryMb: 512, reservedConcurrency: null },
    machine: { uptime: 'load average 1, 1, 1', cpus: 2 },
    playingShare: 1,
  };
}
const journey = (t: number, ok = true): Sample[] => [
  { t, step: 'page', status: 200, ms: 10, ok: true, slow: false, arrival: true },
  { t: t + 10, step: 'sign-in', status: ok ? 200 : 500, ms: 100, ok, slow: false, arrival: false },
];

describe('the rehearsal report', () => {
  it('takes percentiles by the nearest rank', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99)).toBe(10);
    expect(percentile([], 99)).toBeNull();
  });

  it('reads the CDN counters between the first and last console reads', () => {
    const r = analyse(run([...journey(0), ...journey(1000)]));
    // pages 6 hits of 8, media 4 of 4; the API is not cacheable.
    expect(r.cacheHitRatio).toBeCloseTo(10 / 12, 4);
    expect(r.originRequests).toBe(8);
    expect(r.cdn.originRequestsByOrigin['api us-east-1']).toEqual({ total: 6, peakPerSec: 3 });
    expect(r.cdn.edgeInvocations['viewer-request']).toMatchObject({ count: 8, avgMs: 1, peakPerSec: 4 });
    expect(r.dynamo.itemWritesMeasured).toBe(4);
    expect(r.verdict).toBe('held');
    expect(r.series.achieved).toEqual([1, 1]);
  });

  it('does not hold when a request fails, and says which threshold', () => {
    const r = analyse(run([...journey(0), ...journey(1000, false)]));
    expect(r.errors).toBe(1);
    expect(r.verdict).toBe('not-held');
    expect(r.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['errors (unexpected statuses and unanswered requests)']);
    expect(r.latency.byRequestKind['sign-in']?.errorStatuses).toEqual({ 500: 1 });
  });

  it('prices a million views both ways, every line citing its page and date, and flags a crossed quota', () => {
    const r = analyse(run([...journey(0), ...journey(1000)]));
    const withEdge = r.cost.perMillionViews.lambdaEdgeRouting;
    const withFunctions = r.cost.perMillionViews.cloudFrontFunctionsRouting;
    expect(r.costPerMillionViewsUsd).toBe(withEdge.totalUsd);
    // 4 viewer-request invocations a view: $0.60 + GB-s per million on Lambda@Edge, $0.10 as CloudFront Functions.
    expect(withEdge.totalUsd - withFunctions.totalUsd).toBeCloseTo(4 * (0.6 - 0.1) + 4 * 0.001 * 0.125 * 0.00005001 * 1e6, 1);
    for (const line of [...withEdge.lines, ...withFunctions.lines]) {
      expect(line.source).toMatch(/^https:\/\/aws\.amazon\.com\//);
      expect(line.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // 1,000 viewers/s, each making 10 API requests in a 60 s view (its sign-in, 5 more progress saves, 4 more milestones): exactly the 10,000/s quota, not over it.
    const api = r.projection.quotaChecks.find((q) => q.what.startsWith('HTTP API'));
    expect(api?.value).toBe(10_000);
    expect(api?.crosses).toBe(false);
    const concurrency = r.projection.quotaChecks.find((q) => q.what.startsWith('API Lambda concurrency'));
    // 10,000 requests/s × 100 ms: the account's 1,000.
    expect(concurrency?.value).toBe(1000);
    expect(r.projection.quotaChecks.filter((q) => q.crosses)).toEqual([]);
  });
});
