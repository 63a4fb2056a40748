import type { AccessLogEntry } from '../cloudfront/access-log';
import type { CountersSnapshot } from '../cloudfront/counters';
import type { Invalidation, Invalidations } from '../cloudfront/invalidations';
import { DISTRIBUTION_ID } from '../cloudfront/edge-event';
import type { GlobalTable, ReplicationStatus } from '../data/global-table';
import type { CheckerState, HealthCheck } from '../route53/health-check';
import type { ReservedConcurrency } from '../api/concurrency';
import type { RegionFaults } from '../api/faults';
import type { Distribution, OriginGroup } from '../cloudfront/distribution';
import type { Region } from '../config';
import type { PreviewTokens } from '../../../api/src/previews';
import type { SiteCalendar } from '../../../launch/src/calendar';
import type { FailoverRecordSet } from '../route53/failover-record';
import type { ResolverCache } from '../route53/resolver-cache';

/** `GET /api/state` on the console: everything an SRE watches during a drill. */
export interface StackState {
  /** Where viewers reach the site (the local CloudFront): the launch CLI prints its links with it. */
  readonly siteUrl: string;
  readonly regions: {
    readonly region: string;
    readonly url: string;
    readonly reservedConcurrency: number | null;
    readonly running: number;
    readonly throttled: number;
    readonly healthy: boolean;
    /** Injected faults (PUT/DELETE /api/regions/<region>/faults). */
    readonly faults: { readonly errorShare: number; readonly addedLatencyMs: number; readonly injectedErrors: number };
  }[];
  /** The API table's replication between the regions' replicas (PUT /api/replication). */
  readonly replication: ReplicationStatus & {
    /** Each region's replica: loopback endpoint for the AWS SDK (drills read both at the end). */
    readonly tables: readonly { readonly region: string; readonly endpoint: string }[];
  };
  readonly healthChecks: {
    readonly id: string;
    readonly region: string;
    readonly target: string;
    readonly intervalMs: number;
    readonly failureThreshold: number;
    readonly status: 'Healthy' | 'Unhealthy';
    readonly healthyCheckers: number;
    readonly checkers: readonly CheckerState[];
  }[];
  readonly dns: {
    readonly name: string;
    readonly ttlSeconds: number;
    readonly records: { readonly failover: 'PRIMARY' | 'SECONDARY'; readonly region: string; readonly healthy: boolean }[];
    /** What Route 53 answers now. */
    readonly answer: string;
    /** What CloudFront's resolver still uses (until its cached answer's TTL runs out). */
    readonly cloudFrontResolvesTo: string | null;
    readonly cachedForMs: number;
  };
  readonly cache: { readonly hits: number; readonly misses: number; readonly objects: number };
  /** The local CloudFront's counters: cache statistics per behavior and content kind, origin requests, edge invocations. */
  readonly cdn: CountersSnapshot;
  readonly origins: { readonly name: string; readonly available: boolean }[];
  readonly edgeFunctions: readonly string[];
  /**
   * Where releases are published locally (`npm run launch` reads this to find them): the local S3
   * server (an endpoint for a path-style S3Client), the site bucket and its replicas, and the
   * distribution id the console's CloudFront API answers for.
   */
  readonly releases: {
    readonly s3Endpoint: string;
    readonly bucket: string;
    readonly replicaBuckets: readonly string[];
    readonly distributionId: string;
  };
  readonly invalidations: readonly Invalidation[];
  readonly recentRequests: readonly AccessLogEntry[];
}

/**
 * What the console reads and drives of a running stack. The stack (stack.ts) satisfies it; the
 * console names only this, so the stack can build the console without the two importing each other.
 */
export interface ConsoleStack {
  readonly siteUrl: string;
  readonly consoleUrl: string;
  readonly regions: Readonly<
    Record<
      Region,
      {
        readonly name: Region;
        readonly url: string;
        readonly concurrency: ReservedConcurrency;
        readonly faults: RegionFaults;
        readonly healthCheck: HealthCheck;
      }
    >
  >;
  readonly distribution: Pick<Distribution, 'cache' | 'log' | 'counters'>;
  readonly dynamo: Pick<GlobalTable<Region>, 'replication' | 'replicas'>;
  readonly site: OriginGroup;
  readonly media: OriginGroup;
  readonly dns: ResolverCache;
  readonly records: FailoverRecordSet;
  readonly invalidations: Invalidations;
  readonly edgeFunctions: readonly string[];
  readonly s3: { readonly endpoint: string; readonly siteBucket: string; readonly siteReplicaBucket: string };
  /** Signs preview links with the stack's session key (the launch CLI's `preview`, through POST /api/previews). */
  readonly previews: Pick<PreviewTokens, 'sign'>;
  /** The launch calendar of the live release (as `npm run launch -- list` prints it), and what the program files would change. */
  calendar(): Promise<SiteCalendar>;
  setReservedConcurrency(region: Region, value: number | null): void;
  state(): StackState;
}

export function buildState(stack: ConsoleStack): StackState {
  const regions = Object.values(stack.regions);
  const peek = stack.dns.peek();
  return {
    siteUrl: stack.siteUrl,
    regions: regions.map((r) => ({
      region: r.name,
      url: r.url,
      reservedConcurrency: r.concurrency.reserved,
      running: r.concurrency.running,
      throttled: r.concurrency.throttled,
      healthy: r.healthCheck.healthy,
      faults: { errorShare: r.faults.errorShare, addedLatencyMs: r.faults.addedLatencyMs, injectedErrors: r.faults.injectedErrors },
    })),
    replication: {
      ...stack.dynamo.replication.status(),
      tables: regions.map((r) => ({ region: r.name, endpoint: stack.dynamo.replicas[r.name].endpoint })),
    },
    healthChecks: regions.map((r) => ({
      id: r.healthCheck.config.id,
      region: r.name,
      target: `http://${r.healthCheck.config.host}:${r.healthCheck.config.port}${r.healthCheck.config.path}`,
      intervalMs: r.healthCheck.config.requestIntervalMs,
      failureThreshold: r.healthCheck.config.failureThreshold,
      status: r.healthCheck.healthy ? 'Healthy' : 'Unhealthy',
      healthyCheckers: r.healthCheck.checkers.filter((c) => c.healthy).length,
      checkers: r.healthCheck.checkers,
    })),
    dns: {
      name: stack.records.name,
      ttlSeconds: stack.records.ttlSeconds,
      records: [
        { failover: 'PRIMARY', region: stack.records.primary.region, healthy: stack.records.primary.healthCheck.healthy },
        { failover: 'SECONDARY', region: stack.records.secondary.region, healthy: stack.records.secondary.healthCheck.healthy },
      ],
      answer: stack.records.resolve().region,
      cloudFrontResolvesTo: peek?.answer.region ?? null,
      cachedForMs: peek?.expiresInMs ?? 0,
    },
    cache: { hits: stack.distribution.cache.hits, misses: stack.distribution.cache.misses, objects: stack.distribution.cache.size },
    cdn: stack.distribution.counters.snapshot(),
    origins: [stack.site.primary, stack.site.replica, stack.media.primary, stack.media.replica].map((b) => ({
      name: b.name,
      available: b.available,
    })),
    edgeFunctions: stack.edgeFunctions,
    releases: {
      s3Endpoint: stack.s3.endpoint,
      bucket: stack.s3.siteBucket,
      replicaBuckets: [stack.s3.siteReplicaBucket],
      distributionId: DISTRIBUTION_ID,
    },
    invalidations: stack.invalidations.history.slice(0, 10),
    recentRequests: stack.distribution.log.recent.slice(0, 30),
  };
}
