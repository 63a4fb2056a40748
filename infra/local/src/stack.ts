import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { loadCatalog } from '../../api/src/catalog';
import { createLiveCatalog, s3ReleaseCatalogReader } from '../../api/src/release-catalog';
import { createApiHandler } from '../../api/src/handler';
import { PreviewTokens } from '../../api/src/previews';
import { siteCalendar, type SiteCalendar } from '../../launch/src/calendar';
import { DEFAULT_TABLE_NAME, tableDefinition } from '../../api/src/table';
import { UserRepository } from '../../api/src/users';
import { ensureSessionKeys } from '../../tools/session-keys';
import { regionApiDomainName, type DistributionDescription } from '../../distribution/distribution-description';
import { ReservedConcurrency } from './api/concurrency';
import { RegionFaults } from './api/faults';
import { createRegionServer } from './api/region-server';
import { AccessLog } from './cloudfront/access-log';
import { BucketOrigin, S3BucketOrigin } from './cloudfront/bucket-origin';
import { createDistribution, type Distribution, type OriginGroup } from './cloudfront/distribution';
import { loadEdgeFunctions } from './cloudfront/edge-function';
import { Invalidations } from './cloudfront/invalidations';
import { createConsoleServer } from './console/server';
import { buildState, type StackState } from './console/state';
import { REGIONS, type LocalStackConfig, type Region } from './config';
import { DEMO_ACCOUNTS, seedDemoAccounts } from './data/demo-accounts';
import { ensureTable } from './data/dynamo';
import { startGlobalTable, type GlobalTable } from './data/global-table';
import { ensureMediaKeys } from './data/media-keys';
import { ensureOriginSecret } from './data/origin-secret';
import { replicate } from './data/replicate';
import { close, listen, LOOPBACK } from './listen';
import { LOCAL_S3_CREDENTIALS, startLocalS3, type LocalS3 } from './s3/local-s3';
import { syncFolderToBucket } from './s3/sync-folder';
import { FailoverRecordSet, type FailoverTarget } from './route53/failover-record';
import { HealthCheck } from './route53/health-check';
import { ResolverCache } from './route53/resolver-cache';

export const API_DOMAIN = 'api.stride.local';
export const PRIMARY_REGION: Region = 'us-east-1';
export const SECONDARY_REGION: Region = 'us-west-1';

const PORT_VARS: Record<Region, string> = { 'us-east-1': 'STRIDE_API_PORT', 'us-west-1': 'STRIDE_API_WEST_PORT' };

export interface LocalRegion {
  readonly name: Region;
  readonly url: string;
  readonly port: number;
  readonly concurrency: ReservedConcurrency;
  /** Injected faults: error share and added latency (the console's /api/regions/<region>/faults). */
  readonly faults: RegionFaults;
  readonly healthCheck: HealthCheck;
}

export interface RunningStack {
  readonly siteUrl: string;
  readonly consoleUrl: string;
  readonly regions: Readonly<Record<Region, LocalRegion>>;
  readonly distribution: Distribution;
  /** The API table as a global table: one dynalite replica per region, replicated with a lag (pausable). */
  readonly dynamo: GlobalTable<Region>;
  readonly site: OriginGroup;
  readonly media: OriginGroup;
  /** The local S3 server holding the site buckets (publish writes releases there with the real S3 client). */
  readonly s3: LocalS3 & { readonly siteBucket: string; readonly siteReplicaBucket: string };
  readonly dns: ResolverCache;
  readonly records: FailoverRecordSet;
  readonly invalidations: Invalidations;
  /** Signs preview links with the stack's session key, as the API verifies them. */
  readonly previews: PreviewTokens;
  /** The launch calendar of the live release (GET /api/calendar on the console). */
  calendar(): Promise<SiteCalendar>;
  /** The seeded demo accounts and how each one's subscription reads (a trial that ended reads `expired`). */
  readonly demoAccounts: readonly { email: string; password: string; label: 'subscribed' | 'none' | 'trial' | 'expired' }[];
  /** Which edge functions were loaded from the edge dist folder. */
  readonly edgeFunctions: readonly string[];
  /** PutFunctionConcurrency (a number) / DeleteFunctionConcurrency (null) for a region's API. */
  setReservedConcurrency(region: Region, value: number | null): void;
  state(): StackState;
  close(): Promise<void>;
}

export interface LocalStackExtras {
  /**
   * The distribution the local CloudFront runs (tests associate extra edge events with it).
   * @default DISTRIBUTION, the description the CDK distribution is built from
   */
  readonly distribution?: DistributionDescription;
}

/** Starts every local part on loopback; on failure, closes whatever had started. */
export async function startLocalStack(config: LocalStackConfig, extras: LocalStackExtras = {}): Promise<RunningStack> {
  const servers: Server[] = [];
  const healthChecks: HealthCheck[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const check of healthChecks) check.stop();
    await Promise.all(servers.map(close));
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  const now = config.now ?? Date.now;
  try {
    // Data: a global table, one dynalite store per region on disk, replicated as DynamoDB does.
    const keySchema = (tableDefinition(DEFAULT_TABLE_NAME).KeySchema ?? []).map((k) => k.AttributeName ?? '');
    const dynamo = await startGlobalTable({
      dir: path.join(config.dataDir, 'dynamodb-regions'),
      legacyDir: path.join(config.dataDir, 'dynamodb'),
      regions: REGIONS,
      keyNames: () => keySchema,
      lagMs: config.replicationLagMs ?? 1000,
    });
    cleanups.push(() => dynamo.close());
    for (const region of REGIONS) await ensureTable(dynamo.replicas[region].documentClient(region), DEFAULT_TABLE_NAME);
    // The demo accounts exist before the stack serves anyone, in every region, as items long in a
    // global table would: seeded once and replicated at once, not after the first lag.
    await seedDemoAccounts(new UserRepository(dynamo.documentClient(PRIMARY_REGION), DEFAULT_TABLE_NAME), new Date(now()));
    await dynamo.replication.flush();

    const sessionKeys = await ensureSessionKeys({
      dir: config.keysDir,
      privateJwk: path.join(config.keysDir, 'session-signing-key.private.json'),
      jwks: path.join(config.keysDir, 'jwks.json'),
    });
    const previews = await PreviewTokens.fromPrivateJwk(sessionKeys.privateJwk);
    const mediaKeys = ensureMediaKeys(config.keysDir);
    const originSecret = ensureOriginSecret(config.keysDir);
    // The site buckets live on a local S3 server, brought up to date with the build folders at
    // start (as a deploy's sync would); the local CloudFront reads them with GetObject.
    const SITE_BUCKET = 'stride-site-primary';
    const SITE_REPLICA_BUCKET = 'stride-site-replica';
    const s3 = await startLocalS3({ dir: path.join(config.dataDir, 's3'), port: 0, buckets: [SITE_BUCKET, SITE_REPLICA_BUCKET] });
    cleanups.push(() => s3.close());
    const s3Client = s3.client();
    // The API's catalog: the program files until a release is published, then the live release's.
    const catalog = createLiveCatalog(loadCatalog(config.catalogDir), s3ReleaseCatalogReader(s3Client, SITE_BUCKET));

    const regions = {} as Record<Region, LocalRegion>;
    for (const region of REGIONS) {
      const handler = await createApiHandler({
        region,
        dynamo: dynamo.documentClient(region),
        tableName: DEFAULT_TABLE_NAME,
        sessionSigningKey: sessionKeys.privateJwk,
        // Any host: the site may be reached as localhost or 127.0.0.1 on any port.
        media: {
          keyPairId: mediaKeys.keyPairId,
          privateKeyPem: mediaKeys.privateKeyPem,
          resourceBase: 'http*://*/media',
          ttlSeconds: 4 * 3600,
        },
        catalog,
        secureCookies: false,
        // Only requests carrying the local CloudFront's x-stride-origin-verify reach the routes (but /api/ping).
        readOriginSecrets: () => originSecret.readValues(),
        now: () => new Date(now()),
      });
      const concurrency = new ReservedConcurrency();
      const faults = new RegionFaults();
      const server = createRegionServer({ region, handler, concurrency, faults });
      servers.push(server);
      const port = await listen(server, config.apiPorts[region], `API ${region}`, PORT_VARS[region]);
      const healthCheck = new HealthCheck({
        id: `hc-${region}`,
        host: LOOPBACK,
        port,
        path: '/api/ping',
        requestIntervalMs: config.healthCheck.intervalMs,
        failureThreshold: config.healthCheck.failureThreshold,
        checkers: config.healthCheck.checkers,
        timeoutMs: config.healthCheck.timeoutMs,
      });
      healthChecks.push(healthCheck);
      regions[region] = { name: region, url: `http://localhost:${port}`, port, concurrency, faults, healthCheck };
    }

    const target = (r: LocalRegion): FailoverTarget => ({ region: r.name, host: LOOPBACK, port: r.port, healthCheck: r.healthCheck });
    const records = new FailoverRecordSet(
      API_DOMAIN,
      target(regions[PRIMARY_REGION]),
      target(regions[SECONDARY_REGION]),
      config.dnsTtlSeconds,
    );
    const dns = new ResolverCache(records, now);
    const regionOrigin = (r: LocalRegion) => ({
      domainName: regionApiDomainName(r.name, 'stride.local'),
      resolve: () => ({ host: LOOPBACK, port: r.port, region: r.name }),
    });
    for (const check of healthChecks) check.start();

    if (config.replicateBuckets) {
      replicate(config.siteDir, config.siteReplicaDir);
      replicate(config.mediaDir, config.mediaReplicaDir);
    }
    mkdirSync(config.siteReplicaDir, { recursive: true });
    mkdirSync(config.mediaReplicaDir, { recursive: true });
    await syncFolderToBucket(s3Client, SITE_BUCKET, config.siteDir);
    await syncFolderToBucket(s3Client, SITE_REPLICA_BUCKET, config.siteReplicaDir);
    const site = {
      primary: new S3BucketOrigin(SITE_BUCKET, s3Client, SITE_BUCKET),
      replica: new S3BucketOrigin(SITE_REPLICA_BUCKET, s3Client, SITE_REPLICA_BUCKET),
    };
    const media = {
      primary: new BucketOrigin('stride-media', config.mediaDir),
      replica: new BucketOrigin('stride-media-replica', config.mediaReplicaDir),
    };
    // The local Lambda runtime gives edge functions what Lambda gives them: S3 (here the local
    // server, named by the SDK's own AWS_ENDPOINT_URL_S3) and credentials, so the viewer-request
    // reads the live release as on AWS. Restored at close.
    const runtimeEnv = {
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
    };
    const savedEnv = Object.fromEntries(Object.keys(runtimeEnv).map((name) => [name, process.env[name]]));
    Object.assign(process.env, runtimeEnv);
    cleanups.push(async () => {
      for (const [name, value] of Object.entries(savedEnv)) {
        if (value === undefined) Reflect.deleteProperty(process.env, name);
        else process.env[name] = value;
      }
    });
    const edge = loadEdgeFunctions(config.edgeDistDir, config.edgeTimeouts);
    const accessLog = new AccessLog(config.accessLogFile);
    cleanups.push(() => accessLog.close());
    const distribution = createDistribution({
      edge,
      site,
      media,
      trustedKeys: [{ keyPairId: mediaKeys.keyPairId, publicKeyPem: mediaKeys.publicKeyPem }],
      api: { domainName: API_DOMAIN, resolve: () => dns.resolve() },
      // Each region's own API domain (api-<region>.stride.local): a simple alias, so straight to that region.
      apiRegions: {
        primary: regionOrigin(regions[PRIMARY_REGION]),
        secondary: regionOrigin(regions[SECONDARY_REGION]),
      },
      log: accessLog,
      now,
      viewerCountry: config.viewerCountry,
      resolveSecret: (ref) => originSecret.resolve(ref),
      ...(extras.distribution ? { description: extras.distribution } : {}),
    });
    servers.push(distribution.server);
    const sitePort = await listen(distribution.server, config.sitePort, 'local CloudFront', 'PORT');
    const invalidations = new Invalidations(distribution.cache);

    let consoleUrl = '';
    const stack: RunningStack = {
      siteUrl: `http://localhost:${sitePort}`,
      get consoleUrl() {
        return consoleUrl;
      },
      regions,
      distribution,
      dynamo,
      site,
      media,
      s3: Object.assign(s3, { siteBucket: SITE_BUCKET, siteReplicaBucket: SITE_REPLICA_BUCKET }),
      dns,
      records,
      invalidations,
      previews,
      calendar: () => siteCalendar({ s3: s3Client, bucket: SITE_BUCKET }, config.catalogDir, new Date(now())),
      demoAccounts: DEMO_ACCOUNTS.map(({ email, password, subscription, endsInDays }) => ({
        email,
        password,
        label:
          subscription === 'active'
            ? 'subscribed'
            : subscription === 'none'
              ? 'none'
              : endsInDays !== undefined && endsInDays < 0
                ? 'expired'
                : 'trial',
      })),
      edgeFunctions: Object.keys(edge),
      setReservedConcurrency(region, value) {
        regions[region].concurrency.reserved = value;
      },
      state: () => buildState(stack),
      close: closeAll,
    };
    const consoleServer = createConsoleServer(stack, { drillsDir: path.join(config.dataDir, 'drill-reports') });
    servers.push(consoleServer);
    consoleUrl = `http://localhost:${await listen(consoleServer, config.consolePort, 'local console', 'STRIDE_CONSOLE_PORT')}`;
    return stack;
  } catch (error) {
    await closeAll();
    throw error;
  }
}
