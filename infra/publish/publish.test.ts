import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudFrontClient, CreateInvalidationCommand, GetInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { listRemoteObjects, publishSite } from './publish';

// What the local S3 server and CloudFront API cannot do (a page of a listing on demand, a refused upload,
// an invalidation that stays in progress) runs against mocked AWS clients; the rest is publish.local.test.ts.
const s3Mock = mockClient(S3Client);
const cfMock = mockClient(CloudFrontClient);
const etag = (text: string) => `"${createHash('md5').update(text).digest('hex')}"`;

function builtSite(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'stride-site-'));
  mkdirSync(path.join(dir, 'assets'));
  mkdirSync(path.join(dir, 'data'));
  writeFileSync(path.join(dir, 'index.html'), 'home v2');
  writeFileSync(path.join(dir, 'assets', 'app-Abc12345.js'), 'js v2');
  writeFileSync(path.join(dir, 'data', 'hiit-30.json'), '{"v":1}');
  return dir;
}

const target = (dir: string) => ({
  s3: new S3Client({ region: 'us-east-1' }),
  cloudfront: new CloudFrontClient({ region: 'us-east-1' }),
  bucket: 'stride-site',
  distributionId: 'E2EXAMPLE12345',
  dir,
});
const lines: string[] = [];
const log = (line: string) => lines.push(line);

beforeEach(() => {
  s3Mock.reset();
  cfMock.reset();
  lines.length = 0;
});

describe('publishSite (mocked AWS)', () => {
  it('lists every page of the bucket (mocked AWS)', async () => {
    s3Mock
      .on(ListObjectsV2Command, { Bucket: 'b', ContinuationToken: undefined })
      .resolves({ IsTruncated: true, NextContinuationToken: 't2', Contents: [{ Key: 'a', ETag: '"1"' }] })
      .on(ListObjectsV2Command, { Bucket: 'b', ContinuationToken: 't2' })
      .resolves({ IsTruncated: false, Contents: [{ Key: 'b', ETag: '"2"' }] });
    expect(await listRemoteObjects(new S3Client({ region: 'us-east-1' }), 'b')).toEqual([
      { key: 'a', etag: '"1"' },
      { key: 'b', etag: '"2"' },
    ]);
  });

  it('stops at the first failed upload and invalidates nothing (mocked AWS)', async () => {
    s3Mock.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'index.html', ETag: etag('home v1') }] });
    s3Mock.on(PutObjectCommand).rejects(new Error('AccessDenied'));
    await expect(publishSite(target(builtSite()), { log })).rejects.toThrow('AccessDenied');
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(1);
    expect(cfMock.commandCalls(CreateInvalidationCommand)).toHaveLength(0);
  });

  it('fails when the invalidation does not complete in time (mocked AWS)', async () => {
    s3Mock.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'index.html', ETag: etag('home v1') }] });
    s3Mock.on(PutObjectCommand).resolves({});
    cfMock
      .on(CreateInvalidationCommand)
      .resolves({ Invalidation: { Id: 'I9', Status: 'InProgress', CreateTime: new Date(), InvalidationBatch: undefined } });
    cfMock
      .on(GetInvalidationCommand)
      .resolves({ Invalidation: { Id: 'I9', Status: 'InProgress', CreateTime: new Date(), InvalidationBatch: undefined } });
    await expect(publishSite(target(builtSite()), { log, maxWaitSeconds: 2, pollSeconds: 1 })).rejects.toThrow(
      /TimeoutError|timed out|exceeded/i,
    );
    expect(cfMock.commandCalls(GetInvalidationCommand).length).toBeGreaterThanOrEqual(1);
  });
});
