import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CreateInvalidationCommand, waitUntilInvalidationCompleted, type CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { listLocalObjects } from './local-files';
import { describePlan, planPublish, type PlanOptions, type PublishPlan, type RemoteObject } from './plan';

/** Every object in the bucket, across pages. */
export async function listRemoteObjects(s3: S3Client, bucket: string): Promise<RemoteObject[]> {
  const objects: RemoteObject[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const object of page.Contents ?? []) {
      if (object.Key !== undefined && object.ETag !== undefined) objects.push({ key: object.Key, etag: object.ETag });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}

export interface PublishTarget {
  readonly s3: S3Client;
  readonly cloudfront: CloudFrontClient;
  readonly bucket: string;
  readonly distributionId: string;
  /** The built site (web/dist/client). */
  readonly dir: string;
}

export interface PublishOptions extends PlanOptions {
  readonly dryRun?: boolean;
  /** How long to wait for the invalidation to complete (more than pollSeconds). */
  readonly maxWaitSeconds?: number;
  /** Seconds between the first GetInvalidation polls (CloudFront's waiter default: 20). */
  readonly pollSeconds?: number;
  readonly log?: (line: string) => void;
}

export interface PublishResult {
  readonly plan: PublishPlan;
  readonly invalidationId?: string;
}

/**
 * Uploads what changed (assets before pages), then invalidates the changed paths and waits
 * until CloudFront reports the invalidation complete. `dryRun` only reads the bucket.
 */
export async function publishSite(target: PublishTarget, options: PublishOptions = {}): Promise<PublishResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const [local, remote] = await Promise.all([listLocalObjects(target.dir), listRemoteObjects(target.s3, target.bucket)]);
  const plan = planPublish(local, remote, options);
  log(`${options.dryRun ? 'dry run: would ' : ''}${describePlan(plan)}`);
  if (options.dryRun) return { plan };

  for (const upload of plan.uploads) {
    const body = await readFile(path.join(target.dir, ...upload.key.split('/')));
    await target.s3.send(
      new PutObjectCommand({
        Bucket: target.bucket,
        Key: upload.key,
        Body: body,
        ContentType: upload.contentType,
        CacheControl: upload.cacheControl,
        // S3 rejects the upload if the bytes it received are not the ones planned.
        ContentMD5: Buffer.from(upload.md5, 'hex').toString('base64'),
      }),
    );
    log(`uploaded ${upload.key}`);
  }
  if (plan.invalidationPaths.length === 0) return { plan };

  const created = await target.cloudfront.send(
    new CreateInvalidationCommand({
      DistributionId: target.distributionId,
      InvalidationBatch: {
        CallerReference: `stride-publish-${randomUUID()}`,
        Paths: { Quantity: plan.invalidationPaths.length, Items: [...plan.invalidationPaths] },
      },
    }),
  );
  const invalidationId = created.Invalidation?.Id;
  if (!invalidationId) throw new Error(`CloudFront accepted the invalidation for ${target.distributionId} but returned no id`);
  log(`invalidation ${invalidationId} created; waiting for it to complete`);
  await waitUntilInvalidationCompleted(
    { client: target.cloudfront, maxWaitTime: options.maxWaitSeconds ?? 900, minDelay: options.pollSeconds ?? 20 },
    { DistributionId: target.distributionId, Id: invalidationId },
  );
  log(`invalidation ${invalidationId} completed`);
  return { plan, invalidationId };
}
