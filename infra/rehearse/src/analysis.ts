import type { CacheCounts, CountersSnapshot } from '../../local/src/cloudfront/counters';
import { DYNAMO_UNITS_PER_REQUEST, EDGE_MEMORY_MB, PRICES, PROGRESS_EVERY_SEC, QUOTAS, SEGMENT_SEC } from './aws-figures';
import { STEP_KINDS, type Sample, type StepKind } from './journeys';
import type { ConsoleSample } from './observe';
import { expectedViewers, phaseStarts, targetRate, totalDurationSec, type Profile } from './profile';

export interface RunFacts {
  readonly profile: Profile;
  readonly siteUrl: string;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly samples: readonly Sample[];
  readonly transportErrors: readonly { readonly t: number; readonly count: number }[];
  readonly viewersSent: number;
  /** Requests the sent viewers' journeys hold (answered or not). */
  readonly plannedRequests: number;
  readonly stoppedJourneys: number;
  /** Console reads: the first before any viewer, then one a second, the last after the drain. */
  readonly console: readonly ConsoleSample[];
  /** The API function as deployed (infra/cdk/config): memory and reserved concurrency. */
  readonly api: { readonly memoryMb: number; readonly reservedConcurrency: number | null };
  readonly machine: { readonly uptime: string; readonly cpus: number };
  /** Share of arriving viewers on a licensed, playing journey (they watch the whole view). */
  readonly playingShare: number;
}

const API_STEPS: ReadonlySet<StepKind> = new Set(['sign-in', 'playback-grant', 'progress-save', 'view-milestone']);
const CACHEABLE_KINDS = ['pages', 'page-data', 'assets', 'media'] as const;

export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[i] ?? 0) * 10) / 10;
}

const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;
const minus = (a: CacheCounts | undefined, b: CacheCounts | undefined): CacheCounts => {
  const z = { requests: 0, hits: 0, misses: 0, collapsed: 0, generated: 0, errors: 0, bytesOut: 0 };
  const x = a ?? z;
  const y = b ?? z;
  return {
    requests: x.requests - y.requests,
    hits: x.hits - y.hits,
    misses: x.misses - y.misses,
    collapsed: x.collapsed - y.collapsed,
    generated: x.generated - y.generated,
    errors: x.errors - y.errors,
    bytesOut: x.bytesOut - y.bytesOut,
  };
};
const add = (x: CacheCounts, y: CacheCounts): CacheCounts => ({
  requests: x.requests + y.requests,
  hits: x.hits + y.hits,
  misses: x.misses + y.misses,
  collapsed: x.collapsed + y.collapsed,
  generated: x.generated + y.generated,
  errors: x.errors + y.errors,
  bytesOut: x.bytesOut + y.bytesOut,
});
const hitRatio = (c: CacheCounts): number | null => (c.hits + c.misses > 0 ? round(c.hits / (c.hits + c.misses), 4) : null);

function delta(first: CountersSnapshot, last: CountersSnapshot) {
  const names = (a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>) =>
    [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return {
    behaviors: Object.fromEntries(names(first.behaviors, last.behaviors).map((n) => [n, minus(last.behaviors[n], first.behaviors[n])])),
    kinds: Object.fromEntries(names(first.kinds, last.kinds).map((n) => [n, minus(last.kinds[n], first.kinds[n])])),
    originRequests: Object.fromEntries(
      names(first.originRequests, last.originRequests).map((n) => [n, (last.originRequests[n] ?? 0) - (first.originRequests[n] ?? 0)]),
    ),
    edge: Object.fromEntries(
      names(first.edgeInvocations, last.edgeInvocations).map((n) => {
        const count = (last.edgeInvocations[n]?.count ?? 0) - (first.edgeInvocations[n]?.count ?? 0);
        const ms = (last.edgeInvocations[n]?.totalMs ?? 0) - (first.edgeInvocations[n]?.totalMs ?? 0);
        return [n, { count, avgMs: count > 0 ? round(ms / count, 3) : 0 }];
      }),
    ),
  };
}

/** Per-second rates between consecutive console reads, keyed by a reader of the snapshot. */
function rates(
  unordered: readonly ConsoleSample[],
  read: (s: ConsoleSample) => Readonly<Record<string, number>>,
): { t: number; perSec: Record<string, number> }[] {
  // Reads complete out of order when the console is slow to answer: take them in the order they were made.
  const samples = [...unordered].sort((a, b) => a.t - b.t);
  const out: { t: number; perSec: Record<string, number> }[] = [];
  for (let i = 1; i < samples.length; i += 1) {
    const a = samples[i - 1];
    const b = samples[i];
    if (!a || !b || b.t <= a.t) continue;
    const ra = read(a);
    const rb = read(b);
    const perSec: Record<string, number> = {};
    for (const k of new Set([...Object.keys(ra), ...Object.keys(rb)])) perSec[k] = round(((rb[k] ?? 0) - (ra[k] ?? 0)) / (b.t - a.t), 2);
    out.push({ t: round(b.t, 1), perSec });
  }
  return out;
}

export type Report = ReturnType<typeof analyse>;

export interface StepStats {
  readonly count: number;
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
  readonly p99Ms: number | null;
  readonly errors: number;
  /** Unexpected statuses and how often each came. */
  readonly errorStatuses: Readonly<Record<string, number>>;
}

export function analyse(run: RunFacts) {
  const { profile } = run;
  const first = run.console[0];
  const last = run.console[run.console.length - 1];
  if (!first || !last) throw new Error('no console reads: the rehearsal cannot say what the CDN did');
  const d = delta(first.cdn, last.cdn);
  const duration = totalDurationSec(profile);

  // Arrivals: target against achieved, per second.
  const arrivals = run.samples.filter((s) => s.arrival);
  const arrived = arrivals.length;
  const seconds = Math.ceil(duration);
  const achievedPerSec = Array.from({ length: seconds }, () => 0);
  for (const a of arrivals) {
    const s = Math.floor(a.t / 1000);
    if (s >= 0 && s < seconds) achievedPerSec[s] = (achievedPerSec[s] ?? 0) + 1;
  }
  const targetPerSec = Array.from({ length: seconds }, (_, s) =>
    round((targetRate(profile, s) + targetRate(profile, Math.min(duration - 1e-9, s + 1 - 1e-9))) / 2, 2),
  );

  // Latency and errors per kind of request.
  const byStep: Record<string, StepStats> = Object.fromEntries(
    STEP_KINDS.map((step): [string, StepStats] => {
      const mine = run.samples.filter((s) => s.step === step);
      const ms = mine.map((s) => s.ms).sort((a, b) => a - b);
      const unexpected: Record<string, number> = {};
      for (const s of mine.filter((x) => !x.ok)) {
        const label = s.mispaired ? 'mispaired' : s.slow ? `${s.status} after over 10 s` : String(s.status);
        unexpected[label] = (unexpected[label] ?? 0) + 1;
      }
      return [
        step,
        {
          count: mine.length,
          p50Ms: percentile(ms, 50),
          p95Ms: percentile(ms, 95),
          p99Ms: percentile(ms, 99),
          errors: mine.filter((s) => !s.ok).length,
          errorStatuses: unexpected,
        },
      ];
    }).filter(([, v]) => v.count > 0),
  );
  const allMs = run.samples.map((s) => s.ms).sort((a, b) => a - b);
  // Every planned request without an answer: connection errors, timeouts, and journeys cut off at the drain limit.
  const transportErrors = Math.max(
    run.transportErrors.reduce((a, b) => a + b.count, 0),
    run.plannedRequests - run.samples.length,
  );
  const errors = run.samples.filter((s) => !s.ok).length + transportErrors;

  // The CDN.
  const cacheable = CACHEABLE_KINDS.map((k) => d.kinds[k]).reduce<CacheCounts>(
    (acc, c) => (c ? add(acc, c) : acc),
    minus(undefined, undefined),
  );
  const cacheHitRatio = hitRatio(cacheable) ?? 0;
  const originSeries = rates(run.console, (s) => s.cdn.originRequests);
  const edgeSeries = rates(run.console, (s) => Object.fromEntries(Object.entries(s.cdn.edgeInvocations).map(([k, v]) => [k, v.count])));
  const peak = (series: { perSec: Record<string, number> }[], key: string) => Math.max(0, ...series.map((p) => p.perSec[key] ?? 0));
  const originRequests = Object.values(d.originRequests).reduce((a, b) => a + b, 0);
  const cdnRequests = Object.values(d.behaviors).reduce((a, c) => a + c.requests, 0);
  const bytesOut = Object.values(d.behaviors).reduce((a, c) => a + c.bytesOut, 0);

  // Per viewer (a "view": one arriving viewer in the profile's mix), then a full view for the playing ones.
  const per = (n: number) => (arrived > 0 ? n / arrived : 0);
  const apiSamples = run.samples.filter((s) => API_STEPS.has(s.step));
  // Billed duration: the median API answer as viewers saw it (it includes the local stack's own
  // queueing, so it bounds the handler's run time from above; the mean would bill the overload's queue).
  const apiMedianMs =
    percentile(
      apiSamples.map((s) => s.ms).sort((a, b) => a - b),
      50,
    ) ?? 0;
  const mediaBytesPerRequest = (d.kinds.media?.requests ?? 0) > 0 ? (d.kinds.media?.bytesOut ?? 0) / (d.kinds.media?.requests ?? 1) : 0;
  const extraSegments = Math.max(0, profile.projection.viewSec / SEGMENT_SEC - profile.journey.segments) * run.playingShare;
  const extraSaves = Math.max(0, profile.projection.viewSec / PROGRESS_EVERY_SEC - profile.journey.progressSaves) * run.playingShare;
  const extraMilestones = 4 * run.playingShare;
  const dynamo = { rru: 0, wru: 0 };
  for (const s of apiSamples) {
    const u = DYNAMO_UNITS_PER_REQUEST[s.step];
    if (u && s.ok) {
      dynamo.rru += u.rru;
      dynamo.wru += u.wru;
    }
  }
  const writesMeasured = last.replicated - first.replicated;
  const viewerRequestEdge = d.edge['viewer-request'] ?? { count: 0, avgMs: 0 };
  const originResponseEdge = d.edge['origin-response'] ?? { count: 0, avgMs: 0 };
  const perView = {
    cloudFrontRequests: per(cdnRequests) + extraSegments + extraSaves + extraMilestones,
    bytesOut: per(bytesOut) + extraSegments * mediaBytesPerRequest,
    viewerRequestInvocations: per(viewerRequestEdge.count),
    originResponseInvocations: per(originResponseEdge.count),
    apiRequests: per(apiSamples.length) + extraSaves + extraMilestones,
    rru: per(dynamo.rru) + (extraSaves + extraMilestones) * 0.5,
    wru: per(dynamo.wru) + extraSaves + extraMilestones,
    s3Gets: per(
      Object.entries(d.originRequests)
        .filter(([o]) => !o.startsWith('api '))
        .reduce((a, [, n]) => a + n, 0),
    ),
  };
  const million = 1_000_000;
  const gbSeconds = (ms: number, mb: number) => (Math.max(1, Math.ceil(ms)) / 1000) * (mb / 1024);
  const line = (item: string, quantity: number, unitCost: number, price: { source: string; asOf: string; per: string }) => ({
    item,
    quantity: round(quantity, 2),
    usd: round(quantity * unitCost, 2),
    price: price.per,
    source: price.source,
    asOf: price.asOf,
  });
  const shared = [
    line('CloudFront requests', perView.cloudFrontRequests * million, PRICES.cloudFrontRequests.usd / 10_000, PRICES.cloudFrontRequests),
    line('CloudFront data out (GB)', (perView.bytesOut * million) / 1e9, PRICES.cloudFrontDataOut.usd, PRICES.cloudFrontDataOut),
    line(
      'Lambda@Edge origin-response requests',
      perView.originResponseInvocations * million,
      PRICES.lambdaEdgeRequests.usd / million,
      PRICES.lambdaEdgeRequests,
    ),
    line(
      'Lambda@Edge origin-response GB-s',
      perView.originResponseInvocations * million * gbSeconds(originResponseEdge.avgMs, EDGE_MEMORY_MB),
      PRICES.lambdaEdgeDuration.usd,
      PRICES.lambdaEdgeDuration,
    ),
    line('HTTP API requests', perView.apiRequests * million, PRICES.httpApiRequests.usd / million, PRICES.httpApiRequests),
    line('Lambda (API) requests', perView.apiRequests * million, PRICES.lambdaRequests.usd / million, PRICES.lambdaRequests),
    line(
      'Lambda (API) GB-s',
      perView.apiRequests * million * gbSeconds(apiMedianMs, run.api.memoryMb),
      PRICES.lambdaDuration.usd,
      PRICES.lambdaDuration,
    ),
    line('DynamoDB read request units', perView.rru * million, PRICES.dynamoReads.usd / million, PRICES.dynamoReads),
    line('DynamoDB write request units', perView.wru * million, PRICES.dynamoWrites.usd / million, PRICES.dynamoWrites),
    line(
      'DynamoDB replicated writes (us-west-1)',
      perView.wru * million,
      PRICES.dynamoReplicatedWrites.usd / million,
      PRICES.dynamoReplicatedWrites,
    ),
    line('S3 GET (cache misses)', perView.s3Gets * million, PRICES.s3Get.usd / 1000, PRICES.s3Get),
  ];
  const lambdaEdgeRouting = [
    line(
      'Lambda@Edge viewer-request requests',
      perView.viewerRequestInvocations * million,
      PRICES.lambdaEdgeRequests.usd / million,
      PRICES.lambdaEdgeRequests,
    ),
    line(
      'Lambda@Edge viewer-request GB-s',
      perView.viewerRequestInvocations * million * gbSeconds(viewerRequestEdge.avgMs, EDGE_MEMORY_MB),
      PRICES.lambdaEdgeDuration.usd,
      PRICES.lambdaEdgeDuration,
    ),
  ];
  const functionsRouting = [
    line(
      'CloudFront Functions viewer-request invocations',
      perView.viewerRequestInvocations * million,
      PRICES.cloudFrontFunctions.usd / million,
      PRICES.cloudFrontFunctions,
    ),
  ];
  const total = (lines: { usd: number }[]) =>
    round(
      lines.reduce((a, l) => a + l.usd, 0),
      2,
    );
  const costLambdaEdge = total([...shared, ...lambdaEdgeRouting]);
  const costFunctions = total([...shared, ...functionsRouting]);

  // Projection to the production peak, against quotas.
  const P = profile.projection.peakArrivalsPerSec;
  const reserved = run.api.reservedConcurrency;
  const apiRpsAtPeak = perView.apiRequests * P;
  const apiConcurrency = apiRpsAtPeak * (apiMedianMs / 1000);
  const edgeRps = (perView.viewerRequestInvocations + perView.originResponseInvocations) * P;
  const edgeConcurrency =
    perView.viewerRequestInvocations * P * (viewerRequestEdge.avgMs / 1000) +
    perView.originResponseInvocations * P * (originResponseEdge.avgMs / 1000);
  const apiCeiling = Math.min(QUOTAS.lambdaConcurrency.limit, reserved ?? QUOTAS.lambdaConcurrency.limit);
  const checksAt = (what: string, value: number, limit: number, quota: { name: string; source: string }) => ({
    what,
    value: round(value, 1),
    limit,
    quota: quota.name,
    source: quota.source,
    crosses: value > limit,
  });
  const maxOriginRps = Math.max(
    0,
    ...originSeries.flatMap((p) =>
      Object.entries(p.perSec)
        .filter(([k]) => !k.startsWith('api '))
        .map(([, v]) => v),
    ),
  );
  const quotaChecks = [
    checksAt(
      `API Lambda concurrency in the serving region at ${P} viewers/s sustained for a whole view (rate × ${round(apiMedianMs, 1)} ms)`,
      apiConcurrency,
      apiCeiling,
      {
        name: reserved === null ? QUOTAS.lambdaConcurrency.name : `reserved concurrency (${reserved})`,
        source: QUOTAS.lambdaConcurrency.source,
      },
    ),
    checksAt(
      `Lambda@Edge concurrency at ${P} viewers/s (counts against each edge Region's Lambda quota)`,
      edgeConcurrency,
      QUOTAS.lambdaConcurrency.limit,
      QUOTAS.lambdaConcurrency,
    ),
    checksAt(
      `Lambda@Edge requests/s at ${P} viewers/s (all in one Region, the worst case)`,
      edgeRps,
      QUOTAS.lambdaEdgeRps.limit,
      QUOTAS.lambdaEdgeRps,
    ),
    checksAt(
      `HTTP API requests/s at ${P} viewers/s sustained for a whole view (progress saves of everyone watching)`,
      apiRpsAtPeak,
      QUOTAS.httpApiRps.limit,
      QUOTAS.httpApiRps,
    ),
    checksAt(
      'S3 GET/s at the rehearsal’s peak (misses grow with objects × edge locations × TTL, not with viewers)',
      maxOriginRps,
      QUOTAS.s3GetPerPrefix.limit,
      QUOTAS.s3GetPerPrefix,
    ),
    checksAt(
      `CloudFront requests/s at ${P} viewers/s sustained for a whole view`,
      perView.cloudFrontRequests * P,
      QUOTAS.cloudFrontRps.limit,
      QUOTAS.cloudFrontRps,
    ),
    checksAt(
      `DynamoDB write units/s at ${P} viewers/s sustained for a whole view`,
      perView.wru * P,
      QUOTAS.dynamoTableThroughput.limit,
      QUOTAS.dynamoTableThroughput,
    ),
    checksAt(
      `DynamoDB read units/s at ${P} viewers/s sustained for a whole view`,
      perView.rru * P,
      QUOTAS.dynamoTableThroughput.limit,
      QUOTAS.dynamoTableThroughput,
    ),
    checksAt(
      'Invalidation paths in progress (the rehearsal invalidates nothing; `npm run publish` sends changed paths only)',
      0,
      QUOTAS.invalidationPaths.limit,
      QUOTAS.invalidationPaths,
    ),
  ];

  // Thresholds → verdict.
  const p99 = percentile(allMs, 99) ?? 0;
  const targetViewers = Math.round(expectedViewers(profile));
  const achievedShare = targetViewers > 0 ? round(arrived / targetViewers, 4) : 1;
  const t = profile.thresholds;
  const checks = [
    {
      name: 'cache hit ratio (pages, page data, assets, media)',
      seen: cacheHitRatio,
      threshold: `≥ ${t.staticHitRatioMin}`,
      ok: cacheHitRatio >= t.staticHitRatioMin,
    },
    {
      name: 'errors (unexpected statuses and unanswered requests)',
      seen: errors,
      threshold: `≤ ${t.errorsMax}`,
      ok: errors <= t.errorsMax,
    },
    { name: 'p99 latency, all requests (ms)', seen: p99, threshold: `< ${t.p99MsMax}`, ok: p99 < t.p99MsMax },
    {
      name: 'viewers arrived / viewers the profile sends',
      seen: achievedShare,
      threshold: `≥ ${t.achievedArrivalShareMin}`,
      ok: achievedShare >= t.achievedArrivalShareMin,
    },
  ];
  const regionPeaks = Object.fromEntries(
    [...new Set(run.console.flatMap((s) => s.regions.map((r) => r.region)))].map((region) => [
      region,
      {
        peakRunning: Math.max(0, ...run.console.map((s) => s.regions.find((r) => r.region === region)?.running ?? 0)),
        throttled:
          (last.regions.find((r) => r.region === region)?.throttled ?? 0) -
          (first.regions.find((r) => r.region === region)?.throttled ?? 0),
      },
    ]),
  );

  return {
    profile: profile.name,
    description: profile.description,
    verdict: checks.every((c) => c.ok) ? ('held' as const) : ('not-held' as const),
    checks,
    siteUrl: run.siteUrl,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    machine: run.machine,
    cacheHitRatio,
    errors,
    originRequests,
    costPerMillionViewsUsd: costLambdaEdge,
    arrivals: {
      targetViewers,
      sentViewers: run.viewersSent,
      arrivedViewers: arrived,
      stoppedJourneys: run.stoppedJourneys,
      peakTargetPerSec: Math.max(0, ...targetPerSec),
      peakAchievedPerSec: Math.max(0, ...achievedPerSec),
      phases: phaseStarts(profile),
    },
    latency: { allP50Ms: percentile(allMs, 50), allP95Ms: percentile(allMs, 95), allP99Ms: p99, byRequestKind: byStep },
    errorsDetail: {
      unexpectedStatuses: run.samples.filter((s) => !s.ok && !s.mispaired).length,
      mispaired: run.samples.filter((s) => s.mispaired).length,
      unanswered: transportErrors,
    },
    cdn: {
      requests: cdnRequests,
      bytesOut,
      cacheByBehavior: Object.fromEntries(Object.entries(d.behaviors).map(([k, c]) => [k, { ...c, hitRatio: hitRatio(c) }])),
      cacheByKind: Object.fromEntries(Object.entries(d.kinds).map(([k, c]) => [k, { ...c, hitRatio: hitRatio(c) }])),
      originRequestsByOrigin: Object.fromEntries(
        Object.entries(d.originRequests).map(([o, n]) => [o, { total: n, peakPerSec: peak(originSeries, o) }]),
      ),
      edgeInvocations: Object.fromEntries(Object.entries(d.edge).map(([f, e]) => [f, { ...e, peakPerSec: peak(edgeSeries, f) }])),
    },
    lambda: {
      apiMedianMs: round(apiMedianMs, 1),
      apiMemoryMb: run.api.memoryMb,
      reservedConcurrency: reserved,
      localRegions: regionPeaks,
      projectedApiConcurrencyAtPeak: round(apiConcurrency, 1),
      projectedEdgeConcurrencyAtPeak: round(edgeConcurrency, 1),
    },
    dynamo: { readUnitsEstimated: round(dynamo.rru, 1), writeUnitsEstimated: round(dynamo.wru, 1), itemWritesMeasured: writesMeasured },
    projection: {
      peakArrivalsPerSec: P,
      viewSec: profile.projection.viewSec,
      perView: Object.fromEntries(Object.entries(perView).map(([k, v]) => [k, round(v, 4)])),
      quotaChecks,
    },
    cost: {
      perMillionViews: {
        lambdaEdgeRouting: { totalUsd: costLambdaEdge, lines: [...lambdaEdgeRouting, ...shared] },
        cloudFrontFunctionsRouting: { totalUsd: costFunctions, lines: [...functionsRouting, ...shared] },
      },
      view: `one arriving viewer in the profile's mix; the ${round(run.playingShare * 100, 1)} % who play watch ${profile.projection.viewSec} s (segments every ${SEGMENT_SEC} s, a progress save every ${PROGRESS_EVERY_SEC} s, five view milestones), extrapolated from the rehearsal's per-request figures`,
      tradeOff:
        'CloudFront Functions cost a sixth per request and nothing per GB-second, but cannot verify the RS256 session (their crypto module has hashes and HMAC only), read a body, or run at origin events: the session check on /watch/* and /account* would have to move to an HMAC token or to the API, and origin-response (status codes, security headers, Cache-Control) stays on Lambda@Edge or moves to a response headers policy and object metadata.',
    },
    series: {
      t: targetPerSec.map((_, s) => s),
      target: targetPerSec,
      achieved: achievedPerSec,
      requests: Array.from({ length: seconds }, (_, s) => run.samples.filter((x) => Math.floor(x.t / 1000) === s).length),
      errors: Array.from(
        { length: seconds },
        (_, s) =>
          run.samples.filter((x) => !x.ok && Math.floor(x.t / 1000) === s).length +
          (run.transportErrors.find((e) => e.t === s)?.count ?? 0),
      ),
      origin: originSeries,
    },
    notModelled: [
      'One edge location: CloudFront has hundreds, each with its own cache, so real misses (and origin requests) are higher by roughly the number of edge locations viewers reach; Regional Edge Caches sit between them and the origin and are not modelled.',
      'Origin Shield: the distribution does not enable it (infra/distribution/distribution-description.ts), so it is not modelled.',
      'The origins’ own limits: the local buckets answer from disk without S3’s 5,500 GET/s per prefix or its 503 Slow Down; the local API has no API Gateway throttle (10,000 requests/s) unless reserved concurrency is set in the console.',
      'Lambda cold starts and scaling rate (1,000 new execution environments per 10 s per function): the local API runs warm in one process.',
      'The WAF rate rule (per client address) is not in front of the local stack; every rehearsal viewer shares 127.0.0.1.',
      'The load tool under overload: autocannon reconnects a connection the stack ended mid-answer without resetting its HTTP parser, so later answers on it may be paired with the wrong request; those are counted as mispaired (an error) rather than by status, and the per-kind statuses are exact only while there are none.',
      'Request collapsing is modelled (one origin fetch per cache key at a time, as CloudFront documents); collapsed requests count as misses in the hit ratio and not as origin requests.',
    ],
  };
}
