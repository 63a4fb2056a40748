/**
 * Published AWS prices and quotas the rehearsal's bill and quota checks use, each with where it
 * is published and the date the figure is known to hold. US East (N. Virginia) / US-and-Europe
 * CloudFront rates, on-demand, first pricing tier, no free tier. These are not fetched at run
 * time (the rehearsal runs offline): re-check the pages before quoting a bill, and change the
 * figure and its date here when a page changes.
 */

export interface Price {
  readonly usd: number;
  readonly per: string;
  readonly source: string;
  readonly asOf: string;
}

export const PRICES = {
  cloudFrontRequests: {
    usd: 0.01,
    per: '10,000 HTTPS requests (United States, Europe)',
    source: 'https://aws.amazon.com/cloudfront/pricing/',
    asOf: '2025-06-01',
  },
  cloudFrontDataOut: {
    usd: 0.085,
    per: 'GB to the internet, first 10 TB/month (United States, Europe)',
    source: 'https://aws.amazon.com/cloudfront/pricing/',
    asOf: '2025-06-01',
  },
  lambdaEdgeRequests: {
    usd: 0.6,
    per: '1,000,000 Lambda@Edge requests',
    source: 'https://aws.amazon.com/lambda/pricing/#Lambda.40Edge_Pricing',
    asOf: '2025-06-01',
  },
  lambdaEdgeDuration: {
    usd: 0.00005001,
    per: 'GB-second of Lambda@Edge (billed per 1 ms)',
    source: 'https://aws.amazon.com/lambda/pricing/#Lambda.40Edge_Pricing',
    asOf: '2025-06-01',
  },
  cloudFrontFunctions: {
    usd: 0.1,
    per: '1,000,000 CloudFront Functions invocations',
    source: 'https://aws.amazon.com/cloudfront/pricing/',
    asOf: '2025-06-01',
  },
  lambdaRequests: {
    usd: 0.2,
    per: '1,000,000 Lambda requests (x86)',
    source: 'https://aws.amazon.com/lambda/pricing/',
    asOf: '2025-06-01',
  },
  lambdaDuration: {
    usd: 0.0000166667,
    per: 'GB-second of Lambda (x86, first 6 billion GB-s/month)',
    source: 'https://aws.amazon.com/lambda/pricing/',
    asOf: '2025-06-01',
  },
  httpApiRequests: {
    usd: 1.0,
    per: '1,000,000 HTTP API requests (first 300 million/month)',
    source: 'https://aws.amazon.com/api-gateway/pricing/',
    asOf: '2025-06-01',
  },
  dynamoReads: {
    usd: 0.125,
    per: '1,000,000 read request units, on-demand (after the 2024-11-01 reduction)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    asOf: '2025-06-01',
  },
  dynamoWrites: {
    usd: 0.625,
    per: '1,000,000 write request units, on-demand',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    asOf: '2025-06-01',
  },
  dynamoReplicatedWrites: {
    usd: 0.625,
    per: '1,000,000 replicated write request units (global table, one other region)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    asOf: '2025-06-01',
  },
  s3Get: { usd: 0.0004, per: '1,000 GET requests (S3 Standard)', source: 'https://aws.amazon.com/s3/pricing/', asOf: '2025-06-01' },
} as const satisfies Record<string, Price>;

export interface Quota {
  readonly name: string;
  readonly limit: number;
  readonly unit: string;
  readonly adjustable: boolean;
  readonly source: string;
}

export const QUOTAS = {
  lambdaConcurrency: {
    name: 'Lambda concurrent executions per Region (account default)',
    limit: 1000,
    unit: 'concurrent executions',
    adjustable: true,
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
  },
  lambdaEdgeRps: {
    name: 'Lambda@Edge requests per second per Region',
    limit: 10_000,
    unit: 'requests/s',
    adjustable: true,
    source: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-lambda-at-edge',
  },
  httpApiRps: {
    name: 'API Gateway throttle per account per Region',
    limit: 10_000,
    unit: 'requests/s (burst 5,000)',
    adjustable: true,
    source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html',
  },
  s3GetPerPrefix: {
    name: 'S3 GET/HEAD per second per partitioned prefix',
    limit: 5_500,
    unit: 'requests/s',
    adjustable: false,
    source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/optimizing-performance.html',
  },
  cloudFrontRps: {
    name: 'CloudFront requests per second per distribution',
    limit: 250_000,
    unit: 'requests/s',
    adjustable: true,
    source: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html',
  },
  invalidationPaths: {
    name: 'CloudFront invalidation file paths in progress at once',
    limit: 3_000,
    unit: 'paths (15 with wildcards)',
    adjustable: false,
    source: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-invalidations',
  },
  dynamoTableThroughput: {
    name: 'DynamoDB on-demand throughput per table',
    limit: 40_000,
    unit: 'read or write request units/s',
    adjustable: true,
    source: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html',
  },
} as const satisfies Record<string, Quota>;

/** Lambda@Edge memory (infra/cdk/lib/constructs/edge-function.ts: 128 MB). */
export const EDGE_MEMORY_MB = 128;

/** HLS segment length of the sample streams (web/scripts/make-media.ts: 2 s segments). */
export const SEGMENT_SEC = 2;
/** The player's progress cadence (web/src/features/player/resume.ts: a save every 10 s). */
export const PROGRESS_EVERY_SEC = 10;

/**
 * DynamoDB request units per API request kind: what the handlers in infra/api/src send
 * (throttle checks are strongly consistent gets, 1 RRU each; user and progress reads eventually
 * consistent, 0.5 RRU; one item put or update, 1 WRU; items under 1 KB/4 KB). An estimate: the
 * rehearsal measures writes (items replicated to the other region) beside it.
 */
export const DYNAMO_UNITS_PER_REQUEST: Readonly<Record<string, { rru: number; wru: number }>> = {
  'sign-in': { rru: 2.5, wru: 1 },
  'playback-grant': { rru: 1, wru: 0 },
  'progress-save': { rru: 0.5, wru: 1 },
  'view-milestone': { rru: 0.5, wru: 1 },
};
