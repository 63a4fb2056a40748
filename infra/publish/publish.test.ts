import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudFrontClient, CreateInvalidationCommand, GetInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { CACHE_CONTROL } from '@stride/contract/caching';
import { listRemoteObjects, publishSite } from './publish';

// There is no local S3 or CloudFront API here, so these tests run against mocked AWS clients.
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

  it('uploads the changed objects with their Cache-Control, invalidates changed pages and waits (mocked AWS)', async () => {
    s3Mock.on(ListObjectsV2Command).resolves({
      Contents: [
        { Key: 'index.html', ETag: etag('home v1') },
        { Key: 'data/hiit-30.json', ETag: etag('{"v":1}') },
      ],
    });
    s3Mock.on(PutObjectCommand).resolves({});
    cfMock
      .on(CreateInvalidationCommand)
      .resolves({ Invalidation: { Id: 'I123', Status: 'InProgress', CreateTime: new Date(), InvalidationBatch: undefined } });
    cfMock
      .on(GetInvalidationCommand)
      .resolves({ Invalidation: { Id: 'I123', Status: 'Completed', CreateTime: new Date(), InvalidationBatch: undefined } });

    const result = await publishSite(target(builtSite()), { log });

    const puts = s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
    // The asset goes up before the page that loads it; unchanged data is not sent.
    expect(puts.map((put) => put.Key)).toEqual(['assets/app-Abc12345.js', 'index.html']);
    expect(puts[0]).toMatchObject({
      Bucket: 'stride-site',
      CacheControl: CACHE_CONTROL['hashed-asset'],
      ContentType: 'text/javascript; charset=utf-8',
      ContentMD5: Buffer.from(etag('js v2').slice(1, -1), 'hex').toString('base64'),
    });
    expect(puts[1]).toMatchObject({ CacheControl: CACHE_CONTROL.page, ContentType: 'text/html; charset=utf-8' });
    expect(Buffer.from(puts[1]?.Body as Uint8Array).toString()).toBe('home v2');

    const invalidations = cfMock.commandCalls(CreateInvalidationCommand).map((call) => call.args[0].input);
    expect(invalidations).toHaveLength(1);
    expect(invalidations[0]).toMatchObject({
      DistributionId: 'E2EXAMPLE12345',
      InvalidationBatch: {
        Paths: { Quantity: 2, Items: ['/', '/index.html'] },
        CallerReference: expect.stringMatching(/^stride-publish-/),
      },
    });
    expect(cfMock.commandCalls(GetInvalidationCommand)[0]?.args[0].input).toEqual({ DistributionId: 'E2EXAMPLE12345', Id: 'I123' });
    expect(result.invalidationId).toBe('I123');
    expect(lines.at(-1)).toBe('invalidation I123 completed');
  });

  it('creates no invalidation when only new objects were uploaded (mocked AWS)', async () => {
    s3Mock.on(ListObjectsV2Command).resolves({ Contents: [] });
    s3Mock.on(PutObjectCommand).resolves({});
    const result = await publishSite(target(builtSite()), { log });
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(3);
    expect(cfMock.commandCalls(CreateInvalidationCommand)).toHaveLength(0);
    expect(result.invalidationId).toBeUndefined();
  });

  it('dry run reads the bucket, prints the plan and writes nothing (mocked AWS)', async () => {
    s3Mock.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'index.html', ETag: etag('home v1') }] });
    const result = await publishSite(target(builtSite()), { dryRun: true, log });
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(cfMock.calls()).toHaveLength(0);
    expect(result.plan.invalidationPaths).toEqual(['/', '/index.html']);
    expect(lines.join('\n')).toMatch(/^dry run: would upload 3 object\(s\)/);
    expect(lines.join('\n')).toContain('invalidate 2 path(s): / /index.html');
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
