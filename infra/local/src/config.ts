import path from 'node:path';
import { AWS_DEFAULT_FAILOVER } from '@stride/contract/failover';
import { z } from 'zod';
import { localPaths } from './paths';

const port = (name: string, fallback: number) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return fallback;
      const value = Number(raw);
      if (!/^\d+$/.test(raw) || value > 65535) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a port number from 0 to 65535 (0 = any free port), got "${raw}"` });
        return z.NEVER;
      }
      return value;
    });

const number = (name: string, fallback: number, min: number, max: number, what: string, integer = false) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return fallback;
      const value = Number(raw);
      if (!/^\d+(\.\d+)?$/.test(raw) || value < min || value > max || (integer && !Number.isInteger(value))) {
        ctx.addIssue({ code: 'custom', message: `${name} must be ${what}, got "${raw}"` });
        return z.NEVER;
      }
      return value;
    });

const envSchema = z.object({
  PORT: port('PORT', 8080),
  STRIDE_API_PORT: port('STRIDE_API_PORT', 8081),
  STRIDE_API_WEST_PORT: port('STRIDE_API_WEST_PORT', 8082),
  STRIDE_CONSOLE_PORT: port('STRIDE_CONSOLE_PORT', 8090),
  STRIDE_DNS_TTL: number('STRIDE_DNS_TTL', AWS_DEFAULT_FAILOVER.ttlSeconds, 0, 172_800, 'a record TTL in seconds from 0 to 172800', true),
  STRIDE_HEALTH_INTERVAL: number(
    'STRIDE_HEALTH_INTERVAL',
    AWS_DEFAULT_FAILOVER.intervalSeconds,
    0.05,
    30,
    'a health-check interval in seconds: 10 or 30 as on AWS, lower (down to 0.05) for drills',
  ),
  STRIDE_HEALTH_THRESHOLD: number(
    'STRIDE_HEALTH_THRESHOLD',
    AWS_DEFAULT_FAILOVER.failureThreshold,
    1,
    10,
    'a failure threshold from 1 to 10',
    true,
  ),
  STRIDE_HEALTH_CHECKERS: number('STRIDE_HEALTH_CHECKERS', 15, 1, 64, 'a number of health checkers from 1 to 64', true),
  STRIDE_REPLICATION_LAG: number(
    'STRIDE_REPLICATION_LAG',
    1,
    0,
    60,
    'a replication lag in seconds from 0 to 60 (DynamoDB global tables: typically about 1)',
  ),
  STRIDE_DATA_DIR: z.string().optional(),
  STRIDE_MEDIA_DIR: z.string().optional(),
  STRIDE_ACCESS_LOG: z.string().optional(),
  STRIDE_VIEWER_COUNTRY: z
    .string()
    .regex(/^[A-Z]{2}$/, 'STRIDE_VIEWER_COUNTRY must be an ISO 3166-1 alpha-2 country code in capitals, e.g. US')
    .optional(),
});

export const REGIONS = ['us-east-1', 'us-west-1'] as const;
export type Region = (typeof REGIONS)[number];

export interface HealthCheckSettings {
  readonly intervalMs: number;
  readonly failureThreshold: number;
  readonly checkers: number;
  readonly timeoutMs: number;
}

/** Everything the local stack takes, in one typed object (from the environment or a test). */
export interface LocalStackConfig {
  /** The local CloudFront (the site). */
  readonly sitePort: number;
  /** Per region, its API Gateway port; us-east-1 is PRIMARY, us-west-1 SECONDARY. */
  readonly apiPorts: Readonly<Record<Region, number>>;
  readonly consolePort: number;
  /** TTL of the api.stride.local failover records. */
  readonly dnsTtlSeconds: number;
  readonly healthCheck: HealthCheckSettings;
  /** Local state: dynalite data, replica buckets, logs. */
  readonly dataDir: string;
  /** Session and media signing keys (shared with the edge build, which bakes the JWKS). */
  readonly keysDir: string;
  /** The primary site bucket (the web build output). */
  readonly siteDir: string;
  /** The replica site bucket. */
  readonly siteReplicaDir: string;
  /** Bring each replica bucket up to date with its primary at start, as S3 replication would have. */
  readonly replicateBuckets: boolean;
  /** The media bucket (HLS), served under /media/*. */
  readonly mediaDir: string;
  /** The media bucket's replica: the /media/* origin group's fallback. */
  readonly mediaReplicaDir: string;
  /** Built Lambda@Edge bundles: <dir>/<event-type>/index.js. */
  readonly edgeDistDir: string;
  readonly edgeTimeouts: { readonly viewerMs: number; readonly originMs: number };
  /** web/content/programs: the workouts the playback API knows. */
  readonly catalogDir: string;
  /** JSON-lines access log file, or null for none. */
  /** The country the local CloudFront puts in CloudFront-Viewer-Country unless the request names one with X-Stride-Local-Viewer-Country (a viewer-sent CloudFront-Viewer-Country is dropped). */
  readonly viewerCountry: string;
  readonly accessLogFile: string | null;
  /** How long a table write takes to reach the other region (global-table replication); default 1000. */
  readonly replicationLagMs?: number;
  /** Clock for cache TTLs, DNS TTLs and signed-cookie dates; tests inject one. */
  readonly now?: () => number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The defaults `npm start` uses for everything not set in the environment. */
export function defaultConfig(dataDir = path.join(localPaths.repoRoot, '.stride')): LocalStackConfig {
  return {
    sitePort: 8080,
    apiPorts: { 'us-east-1': 8081, 'us-west-1': 8082 },
    consolePort: 8090,
    dnsTtlSeconds: AWS_DEFAULT_FAILOVER.ttlSeconds,
    healthCheck: {
      intervalMs: AWS_DEFAULT_FAILOVER.intervalSeconds * 1000,
      failureThreshold: AWS_DEFAULT_FAILOVER.failureThreshold,
      checkers: 15,
      timeoutMs: 2_000,
    },
    dataDir,
    keysDir: path.join(localPaths.repoRoot, '.stride', 'keys'),
    siteDir: localPaths.siteBucket,
    siteReplicaDir: path.join(dataDir, 'buckets', 'site-replica'),
    replicateBuckets: true,
    mediaDir: path.join(localPaths.repoRoot, 'web', 'media'),
    mediaReplicaDir: path.join(dataDir, 'buckets', 'media-replica'),
    edgeDistDir: path.join(localPaths.repoRoot, 'edge', 'dist'),
    edgeTimeouts: { viewerMs: 5_000, originMs: 30_000 },
    catalogDir: path.join(localPaths.repoRoot, 'web', 'content', 'programs'),
    accessLogFile: path.join(dataDir, 'logs', 'access.log'),
    viewerCountry: 'US',
  };
}

/** Reads the local stack's settings from the environment, with a message naming any bad one. */
export function configFromEnv(env: NodeJS.ProcessEnv): LocalStackConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => i.message).join('\n'));
  const e = parsed.data;
  const dataDir = e.STRIDE_DATA_DIR ? path.resolve(e.STRIDE_DATA_DIR) : undefined;
  const base = defaultConfig(dataDir);
  const log = e.STRIDE_ACCESS_LOG;
  return {
    ...base,
    sitePort: e.PORT,
    apiPorts: { 'us-east-1': e.STRIDE_API_PORT, 'us-west-1': e.STRIDE_API_WEST_PORT },
    consolePort: e.STRIDE_CONSOLE_PORT,
    dnsTtlSeconds: e.STRIDE_DNS_TTL,
    healthCheck: {
      ...base.healthCheck,
      intervalMs: Math.round(e.STRIDE_HEALTH_INTERVAL * 1000),
      failureThreshold: e.STRIDE_HEALTH_THRESHOLD,
      checkers: e.STRIDE_HEALTH_CHECKERS,
    },
    replicationLagMs: Math.round(e.STRIDE_REPLICATION_LAG * 1000),
    mediaDir: e.STRIDE_MEDIA_DIR ? path.resolve(e.STRIDE_MEDIA_DIR) : base.mediaDir,
    accessLogFile: log === 'off' ? null : log ? path.resolve(log) : base.accessLogFile,
    viewerCountry: e.STRIDE_VIEWER_COUNTRY ?? base.viewerCountry,
  };
}
