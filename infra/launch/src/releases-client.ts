import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { S3Client } from '@aws-sdk/client-s3';
import { localReleaseClients, type InvalidationTarget, type ReleaseBucket } from '../../publish/release';
import type { LaunchTarget } from './target';

// The project runs on Node 20; the SDK's "Node 22 from 2027" notice is known (as in the drill's AWS target).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** Where publish, rollback and list find releases: the site bucket(s) and the CDN to invalidate. */
export interface ReleaseTarget extends ReleaseBucket, InvalidationTarget {
  /** Said in messages: which stack this is. */
  readonly where: string;
  readonly siteUrl: string | null;
  /** Seconds between invalidation status polls: the local CDN completes at once, CloudFront in minutes. */
  readonly pollSeconds: number;
}

export function releaseTargetOf(target: LaunchTarget): ReleaseTarget {
  if (target.kind === 'local') {
    return {
      where: `the local stack (${target.console})`,
      siteUrl: target.siteUrl,
      ...localReleaseClients(target.releases, target.console),
      pollSeconds: 1,
    };
  }
  const { config } = target;
  return {
    where: `AWS (${target.configFile})`,
    siteUrl: config.siteUrl,
    // S3 replication fills the replica bucket on AWS: publish writes the primary only.
    s3: new S3Client({ region: config.region }),
    bucket: config.siteBucket,
    cloudfront: new CloudFrontClient({ region: 'us-east-1' }),
    distributionId: config.distributionId,
    pollSeconds: 20,
  };
}
