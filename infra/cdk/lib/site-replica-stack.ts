import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { LogBucket, PrivateBucket } from './constructs/private-bucket';

export interface SiteReplicaStackProps extends StackProps {
  /** Fixed name: the primary bucket's replication rule and the CloudFront origin group name it. */
  readonly bucketName: string;
}

/**
 * The site bucket's replica in the secondary region: CloudFront's fallback origin when the
 * primary bucket answers 5xx/403/404. Deployed before the Site stack, which replicates into it.
 */
export class SiteReplicaStack extends Stack {
  readonly bucket: PrivateBucket;

  constructor(scope: Construct, id: string, props: SiteReplicaStackProps) {
    super(scope, id, props);
    const logs = new LogBucket(this, 'LogsBucket', { acceptsCloudFrontLogs: false });
    this.bucket = new PrivateBucket(this, 'ReplicaBucket', { bucketName: props.bucketName, serverAccessLogs: { bucket: logs, prefix: 's3/replica/' } });

    // Origin Access Control reads. The distribution lives in another region and is created
    // after this bucket, so the grant is scoped to this account's distributions, not one id.
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudFrontOriginAccessControlRead',
        principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: {
          StringEquals: { 'AWS:SourceAccount': this.account },
          ArnLike: { 'AWS:SourceArn': `arn:${this.partition}:cloudfront::${this.account}:distribution/*` },
        },
      }),
    );
    // Listing lets a missing key answer 404 rather than 403, as it does from the primary.
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudFrontOriginAccessControlList',
        principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: {
          StringEquals: { 'AWS:SourceAccount': this.account },
          ArnLike: { 'AWS:SourceArn': `arn:${this.partition}:cloudfront::${this.account}:distribution/*` },
        },
      }),
    );
    new CfnOutput(this, 'ReplicaBucketName', { value: this.bucket.bucketName });
  }
}
