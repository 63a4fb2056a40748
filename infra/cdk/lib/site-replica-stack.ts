import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { LogBucket, PrivateBucket } from './constructs/private-bucket';

export interface SiteReplicaStackProps extends StackProps {
  /** Fixed name: the primary bucket's replication rule and the CloudFront origin group name it. */
  readonly bucketName: string;
  /** Fixed name: the media bucket's replication rule and the `/media/*` origin group name it. */
  readonly mediaBucketName: string;
}

/**
 * Origin Access Control access to a replica bucket. The distribution lives in another region
 * and is created after this bucket, so the grant is scoped to this account's distributions, not
 * one id. `list` lets a missing key answer 404 rather than 403, as it does from the primary.
 */
function grantCloudFrontOac(bucket: s3.Bucket, access: { readonly list: boolean }): void {
  const stack = Stack.of(bucket);
  const allow = (sid: string, action: string, resource: string): void => {
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid,
        principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
        actions: [action],
        resources: [resource],
        conditions: {
          StringEquals: { 'AWS:SourceAccount': stack.account },
          ArnLike: { 'AWS:SourceArn': `arn:${stack.partition}:cloudfront::${stack.account}:distribution/*` },
        },
      }),
    );
  };
  allow('CloudFrontOriginAccessControlRead', 's3:GetObject', bucket.arnForObjects('*'));
  if (access.list) allow('CloudFrontOriginAccessControlList', 's3:ListBucket', bucket.bucketArn);
}

/**
 * The site and media buckets' replicas in the secondary region: CloudFront's fallback origins
 * when a primary bucket answers 5xx/403/404. Deployed before the Site stack, which replicates into them.
 */
export class SiteReplicaStack extends Stack {
  readonly bucket: PrivateBucket;
  readonly mediaBucket: PrivateBucket;

  constructor(scope: Construct, id: string, props: SiteReplicaStackProps) {
    super(scope, id, props);
    const logs = new LogBucket(this, 'LogsBucket', { acceptsCloudFrontLogs: false });
    this.bucket = new PrivateBucket(this, 'ReplicaBucket', {
      bucketName: props.bucketName,
      serverAccessLogs: { bucket: logs, prefix: 's3/replica/' },
    });
    grantCloudFrontOac(this.bucket, { list: true });
    // Read only, like the primary media origin: a missing segment answers 403 from either bucket.
    this.mediaBucket = new PrivateBucket(this, 'MediaReplicaBucket', {
      bucketName: props.mediaBucketName,
      serverAccessLogs: { bucket: logs, prefix: 's3/media-replica/' },
    });
    grantCloudFrontOac(this.mediaBucket, { list: false });

    new CfnOutput(this, 'ReplicaBucketName', { value: this.bucket.bucketName });
    new CfnOutput(this, 'MediaReplicaBucketName', { value: this.mediaBucket.bucketName });
  }
}
