import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DeleteObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { CACHE_CONTROL, objectKind } from '@stride/contract/caching';
import { RELEASES_PREFIX } from '@stride/contract/releases';
import { contentTypeOf } from '../../../publish/content-types';
import { listLocalObjects } from '../../../publish/local-files';
import { listRemoteObjects } from '../../../publish/publish';

/**
 * Brings a bucket up to date with a folder, as `aws s3 sync --delete` would: objects new or
 * changed (by MD5 against the ETag) are put, objects the folder no longer has are deleted. Objects
 * under `releases/` belong to published releases and are left alone. A missing or empty folder
 * syncs to an empty site.
 */
export async function syncFolderToBucket(s3: S3Client, bucket: string, dir: string): Promise<{ put: number; deleted: number }> {
  const local = existsSync(dir) ? await listLocalObjects(dir).catch(() => []) : [];
  const remote = await listRemoteObjects(s3, bucket);
  const etags = new Map(remote.map((o) => [o.key, o.etag.replace(/"/g, '')]));
  const changed = local.filter((o) => etags.get(o.key) !== o.md5);
  for (const object of changed) {
    const kind = objectKind(object.key);
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: object.key,
        Body: await readFile(path.join(dir, ...object.key.split('/'))),
        ContentType: contentTypeOf(object.key),
        CacheControl: CACHE_CONTROL[kind],
      }),
    );
  }
  const keep = new Set(local.map((o) => o.key));
  const gone = remote.map((o) => o.key).filter((key) => !keep.has(key) && !key.startsWith(RELEASES_PREFIX));
  // One DeleteObject each: few at a start, and the local server's multi-object delete predates S3's CRC32 checksums.
  for (const key of gone) await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  return { put: changed.length, deleted: gone.length };
}
