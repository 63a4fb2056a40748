import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3BucketOrigin } from '../cloudfront/bucket-origin';
import { fetchFromOriginGroup } from '../cloudfront/origins';
import { writeFiles } from '../testing/harness';
import { localS3Client, startLocalS3, type LocalS3 } from './local-s3';
import { syncFolderToBucket } from './sync-folder';

let root = '';
let s3: LocalS3;
let client: S3Client;
beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'stride-s3-'));
  s3 = await startLocalS3({ dir: path.join(root, 's3'), port: 0, buckets: ['site-primary', 'site-replica'] });
  client = s3.client();
});
afterAll(async () => {
  await s3.close();
  rmSync(root, { recursive: true, force: true });
});

const keys = async (bucket: string) => ((await client.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key);

describe('the local S3 server, through the real S3 client', () => {
  it('syncs a folder into a bucket: puts what changed, deletes what is gone, leaves releases alone', async () => {
    const dir = path.join(root, 'build');
    writeFiles(dir, { 'index.html': '<h1>v1</h1>', 'old.html': 'old', 'assets/app-Abc12345.js': 'js' });
    expect(await syncFolderToBucket(client, 'site-primary', dir)).toEqual({ put: 3, deleted: 0 });
    await client.send(new PutObjectCommand({ Bucket: 'site-primary', Key: 'releases/live.json', Body: '{}' }));
    rmSync(path.join(dir, 'old.html'));
    writeFiles(dir, { 'index.html': '<h1>v2</h1>' });
    expect(await syncFolderToBucket(client, 'site-primary', dir)).toEqual({ put: 1, deleted: 1 });
    expect(await keys('site-primary')).toEqual(['assets/app-Abc12345.js', 'index.html', 'releases/live.json']);
    const page = await client.send(new GetObjectCommand({ Bucket: 'site-primary', Key: 'index.html' }));
    expect(page.ContentType).toBe('text/html; charset=utf-8');
    expect(page.CacheControl).toMatch(/s-maxage=60/);
  });

  it('answers the local CloudFront as an S3 origin: the object with its ETag, nothing for a missing or traversing key', async () => {
    await client.send(
      new PutObjectCommand({ Bucket: 'site-primary', Key: 'programs/a b/index.html', Body: 'spaced', ContentType: 'text/html' }),
    );
    const origin = new S3BucketOrigin('site-primary', client, 'site-primary');
    const object = await origin.get('/programs/a%20b/index.html');
    expect(object?.body.toString()).toBe('spaced');
    expect(object?.etag).toMatch(/^"[0-9a-f]{32}"$/);
    for (const uri of ['/missing.html', '/../index.html', '/%E0%A4%A', '/index.html%00']) expect(await origin.get(uri)).toBeUndefined();
  });

  it('fails over to the replica when the primary bucket answers 404 or cannot be reached; a POST does not fail over', async () => {
    await client.send(new PutObjectCommand({ Bucket: 'site-replica', Key: 'only-here.html', Body: 'replica' }));
    const group = {
      primary: new S3BucketOrigin('site-primary', client, 'site-primary'),
      replica: new S3BucketOrigin('site-replica', client, 'site-replica'),
      failoverStatusCodes: new Set([403, 404, 500, 502, 503, 504]),
    };
    expect((await fetchFromOriginGroup(group, 'GET', '/only-here.html')).origin).toBe('site-replica');
    group.primary.available = false;
    expect((await fetchFromOriginGroup(group, 'GET', '/only-here.html')).body.toString()).toBe('replica');
    // Nothing listens on port 1: the connection is refused, as for a bucket CloudFront cannot reach.
    const unreachable = new S3BucketOrigin('gone', localS3Client('http://127.0.0.1:1'), 'site-primary');
    await expect(fetchFromOriginGroup({ ...group, primary: unreachable }, 'POST', '/x.html')).rejects.toThrow(/could not read gone/);
  });
});
