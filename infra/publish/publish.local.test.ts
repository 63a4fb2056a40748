import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_CONTROL } from '@stride/contract/caching';
import { DISTRIBUTION_ID } from '../local/src/cloudfront/edge-event';
import { startTestStack, type TestStack } from '../local/src/testing/harness';
import { publishSite } from './publish';

// Real parts: the local stack's S3 server (the site bucket) and its console's CloudFront API.
let t: TestStack;
let s3: S3Client;
const lines: string[] = [];
const log = (line: string) => lines.push(line);

function builtSite(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'stride-site-'));
  for (const [key, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, key)), { recursive: true });
    writeFileSync(path.join(dir, key), text);
  }
  return dir;
}
const target = (dir: string) => ({
  s3,
  cloudfront: new CloudFrontClient({
    region: 'us-east-1',
    endpoint: t.stack.consoleUrl,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
  bucket: t.stack.s3.siteBucket,
  distributionId: DISTRIBUTION_ID,
  dir,
});
const put = (key: string, body: string) => s3.send(new PutObjectCommand({ Bucket: t.stack.s3.siteBucket, Key: key, Body: body }));

beforeAll(async () => {
  t = await startTestStack();
  s3 = t.stack.s3.client();
});
afterAll(() => t.stop());

describe('publishSite against the local S3 server and CloudFront API', () => {
  it('uploads the changed objects with their Cache-Control, invalidates the changed page and waits for it', async () => {
    await put('pub1/index.html', 'home v1');
    await put('pub1/data/hiit-30.json', '{"v":1}');
    const dir = builtSite({ 'pub1/index.html': 'home v2', 'assets/app-Pub12345.js': 'js v2', 'pub1/data/hiit-30.json': '{"v":1}' });
    const before = t.stack.invalidations.history.length;
    const result = await publishSite(target(dir), { log });
    expect(result.plan.uploads.map((u) => u.key)).toEqual(['assets/app-Pub12345.js', 'pub1/index.html']);
    const asset = await s3.send(new HeadObjectCommand({ Bucket: t.stack.s3.siteBucket, Key: 'assets/app-Pub12345.js' }));
    expect(asset).toMatchObject({ CacheControl: CACHE_CONTROL['hashed-asset'], ContentType: 'text/javascript; charset=utf-8' });
    expect(asset.ETag).toBe(`"${createHash('md5').update('js v2').digest('hex')}"`);
    const page = await s3.send(new GetObjectCommand({ Bucket: t.stack.s3.siteBucket, Key: 'pub1/index.html' }));
    expect(page.CacheControl).toBe(CACHE_CONTROL.page);
    expect(await page.Body?.transformToString()).toBe('home v2');
    expect(t.stack.invalidations.history.length).toBe(before + 1);
    expect(t.stack.invalidations.history[0]?.InvalidationBatch).toMatchObject({
      Paths: { Items: ['/pub1', '/pub1/', '/pub1/index.html'] },
      CallerReference: expect.stringMatching(/^stride-publish-/),
    });
    expect(result.invalidationId).toBe(t.stack.invalidations.history[0]?.Id);
    expect(lines.at(-1)).toBe(`invalidation ${result.invalidationId} completed`);
  });

  it('creates no invalidation when only new objects were uploaded', async () => {
    const before = t.stack.invalidations.history.length;
    const result = await publishSite(target(builtSite({ 'pub2/new.html': 'new', 'pub2/data/new.json': '{}' })), { log });
    expect(result.plan.uploads.map((u) => u.key)).toEqual(['pub2/data/new.json', 'pub2/new.html']);
    expect(result.invalidationId).toBeUndefined();
    expect(t.stack.invalidations.history.length).toBe(before);
  });

  it('dry run reads the bucket, prints the plan and writes nothing', async () => {
    await put('pub3/index.html', 'v1');
    lines.length = 0;
    const result = await publishSite(target(builtSite({ 'pub3/index.html': 'v2' })), { dryRun: true, log });
    expect(result.plan.invalidationPaths).toEqual(['/pub3', '/pub3/', '/pub3/index.html']);
    expect(lines.join('\n')).toMatch(/^dry run: would upload 1 object\(s\)/);
    const page = await s3.send(new GetObjectCommand({ Bucket: t.stack.s3.siteBucket, Key: 'pub3/index.html' }));
    expect(await page.Body?.transformToString()).toBe('v1');
  });
});
