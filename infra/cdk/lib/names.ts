import { RELEASES_PREFIX } from '@stride/contract/releases';
import type { StrideConfig } from '../config/stride-config';
import { regionApiDomainName } from '../../distribution/distribution-description';

/**
 * Stack ids. They are API: renaming one makes CloudFormation create a new stack and orphan
 * (or delete) the old one's resources.
 */
export const STACK_IDS = {
  edge: 'StrideEdge',
  siteReplica: 'StrideSiteReplica',
  site: 'StrideSite',
  apiPrimary: 'StrideApiPrimary',
  apiSecondary: 'StrideApiSecondary',
  dns: 'StrideDns',
  drills: 'StrideDrills',
} as const;

/** The Lambda@Edge functions edge/ builds (edge/dist/<name>/index.js). */
export const EDGE_FUNCTIONS = ['viewer-request', 'origin-response'] as const;
export type EdgeFunctionName = (typeof EDGE_FUNCTIONS)[number];

/** Where the Edge stack publishes each function's current version ARN for the Site stack. */
export const edgeVersionParameterName = (fn: EdgeFunctionName): string => `/stride/edge/${fn}/version-arn`;

/**
 * Secrets the operator creates once (README "Deploy to AWS"), replicated to the secondary
 * region, and the API stacks read by name in each region.
 */
export const SECRET_NAMES = {
  sessionSigningKey: 'stride/session-signing-key',
  mediaSigningKey: 'stride/media-signing-key',
} as const;

/**
 * Physical names that cross a region boundary without a CloudFormation reference: the
 * primary bucket replicates to the replica bucket by name, so the name is derived, not generated.
 */
export function replicaBucketName(config: Pick<StrideConfig, 'account' | 'regions'>): string {
  return `stride-site-replica-${config.account}-${config.regions.secondary}`;
}

/**
 * The site bucket (primary region), named rather than generated because the live release in it
 * (`releases/live.json`, @stride/contract/releases) is read by code built before the Site stack
 * exists: the edge bundle bakes the name in at build (STRIDE_RELEASE_BUCKET, edge/scripts/build.ts)
 * and the Edge stack deploys first; the API stacks put it in the function environment.
 */
export function siteBucketName(config: Pick<StrideConfig, 'account' | 'regions'>): string {
  return `stride-site-${config.account}-${config.regions.primary}`;
}

/** Where the site bucket's releases live: the only keys the edge functions and the API may read. */
export const releaseObjectsArn = (partition: string, bucketName: string): string =>
  `arn:${partition}:s3:::${bucketName}/${RELEASES_PREFIX}*`;

/**
 * The media bucket's replica in the secondary region, named like the site replica for the same
 * reason: the media bucket's replication rule and the `/media/*` origin group find it by name.
 */
export function mediaReplicaBucketName(config: Pick<StrideConfig, 'account' | 'regions'>): string {
  return `stride-media-replica-${config.account}-${config.regions.secondary}`;
}

/**
 * The bucket FIS and the primary API function's FIS extension share (StrideDrills), named so the
 * API stack can point its function at it without a reference to the drills stack, which itself
 * refers to the function: by name, neither stack waits on the other's outputs.
 */
export function fisConfigBucketName(config: Pick<StrideConfig, 'account' | 'regions'>): string {
  return `stride-fis-config-${config.account}-${config.regions.primary}`;
}

export const apiDomainName = (config: Pick<StrideConfig, 'domainName'>): string => `api.${config.domainName}`;

/**
 * One region's own API name, `api-<region>.<domain>`: a simple alias to that region's API Gateway
 * custom domain, no failover. CloudFront's region-pinned origins and the API origin group use
 * these, so a request sent to a region is answered by it whatever Route 53 says about `api.<domain>`.
 */
export const regionalApiDomainName = (config: Pick<StrideConfig, 'domainName'>, region: string): string =>
  regionApiDomainName(region, config.domainName);
