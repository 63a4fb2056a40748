import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface PrivateBucketProps {
  /** Only for buckets another region or stack must find by name (replication targets). */
  readonly bucketName?: string;
  /** Where S3 server access logs go; omit only for the log bucket itself. */
  readonly serverAccessLogs?: { readonly bucket: s3.IBucket; readonly prefix: string };
  readonly replicationRules?: s3.ReplicationRule[];
}

/**
 * Every Stride content bucket: no public access, SSE-S3, versioned (replication needs it, and a
 * bad publish can be rolled back), TLS-only, kept when the stack is deleted.
 */
export class PrivateBucket extends s3.Bucket {
  constructor(scope: Construct, id: string, props: PrivateBucketProps = {}) {
    super(scope, id, {
      bucketName: props.bucketName,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: props.serverAccessLogs?.bucket,
      serverAccessLogsPrefix: props.serverAccessLogs?.prefix,
      replicationRules: props.replicationRules,
      // Old versions are only for rollback; keep them a month.
      lifecycleRules: [{ id: 'ExpireOldVersions', noncurrentVersionExpiration: Duration.days(30) }],
    });
  }
}

export interface LogBucketProps {
  /** CloudFront standard logs are delivered with ACLs: only then does the bucket keep ACLs on. */
  readonly acceptsCloudFrontLogs: boolean;
}

/** Access logs (S3 server access logs, and CloudFront's where asked), kept 90 days. */
export class LogBucket extends s3.Bucket {
  constructor(scope: Construct, id: string, props: LogBucketProps) {
    super(scope, id, {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: props.acceptsCloudFrontLogs ? s3.ObjectOwnership.BUCKET_OWNER_PREFERRED : s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ id: 'ExpireLogs', expiration: Duration.days(90) }],
    });
  }
}
