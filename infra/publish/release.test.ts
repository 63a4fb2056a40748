import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_POINTER_KEY } from '@stride/contract/releases';
import { DISTRIBUTION_ID } from '../local/src/cloudfront/edge-event';
import { startTestStack, writeFiles, type TestStack } from '../local/src/testing/harness';
import {
  listReleases,
  publishRelease,
  readLivePointer,
  readLiveRelease,
  ReleaseError,
  rollbackRelease,
  type ReleaseBucket,
} from './release';

// Real parts: the local stack's S3 server (site buckets) and its console's CloudFront API.
let t: TestStack;
let s3: S3Client;
let target: ReleaseBucket & { cloudfront: CloudFrontClient; distributionId: string };
let dir = '';
const routing = (version: number) => ({ version, programs: [] });
// The API's catalog as a release carries it: the program files.
const catalog = [
  { name: 'hiit-30.json', text: readFileSync(path.resolve(import.meta.dirname, '../../web/content/programs/hiit-30.json'), 'utf8') },
];
const text = async (bucket: string, key: string) =>
  (await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body?.transformToString()) ?? '';
const xCache = (response: Response) => response.headers.get('x-cache');

beforeAll(async () => {
  t = await startTestStack();
  s3 = t.stack.s3.client();
  target = {
    s3,
    bucket: t.stack.s3.siteBucket,
    replicaBuckets: [t.stack.s3.siteReplicaBucket],
    cloudfront: new CloudFrontClient({
      region: 'us-east-1',
      endpoint: t.stack.consoleUrl,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
    distributionId: DISTRIBUTION_ID,
  };
  dir = mkdtempSync(path.join(tmpdir(), 'stride-release-'));
  writeFiles(dir, { 'ttl/pub.html': 'page v1', 'ttl/other.html': 'other', 'assets/app-Abc12345.js': 'js v1', 'data/p.json': '{"v":1}' });
});
afterAll(async () => {
  await t.stop();
  rmSync(dir, { recursive: true, force: true });
});

let first = '';
let second = '';

describe('publishRelease / rollbackRelease against the local S3 server and CloudFront API', () => {
  it('a first publish uploads every object under the release and in place, writes the manifest and flips the pointer', async () => {
    const lines: string[] = [];
    const result = await publishRelease(target, { dir, routing: routing(1), catalog }, { log: (line) => lines.push(line) });
    first = result.release.id;
    expect(result.previous).toBeUndefined();
    expect(result.uploaded).toEqual(['assets/app-Abc12345.js', 'data/p.json', 'ttl/other.html', 'ttl/pub.html']);
    expect(result.invalidationPaths).toEqual([]);
    expect((await readLivePointer(target))?.release).toBe(first);
    for (const bucket of [target.bucket, t.stack.s3.siteReplicaBucket]) {
      expect(await text(bucket, `releases/${first}/ttl/pub.html`)).toBe('page v1');
      expect(await text(bucket, 'ttl/pub.html')).toBe('page v1');
      // A hashed asset keeps its own name: no release-keyed copy.
      await expect(s3.send(new GetObjectCommand({ Bucket: bucket, Key: `releases/${first}/assets/app-Abc12345.js` }))).rejects.toThrow();
    }
    const live = await readLiveRelease(target);
    expect(live?.routing).toEqual(routing(1));
    expect(live?.catalog).toEqual(catalog);
    expect(lines.join('\n')).toMatch(new RegExp(`release ${first} is live`));
  });

  it('a change uploads only what changed and invalidates exactly its non-hashed paths through the CloudFront API', async () => {
    await t.site('/ttl/pub.html');
    expect(xCache(await t.site('/ttl/pub.html'))).toBe('Hit from cloudfront');
    writeFiles(dir, { 'ttl/pub.html': 'page v2', 'assets/app-Abc12345.js': 'js v2 (a hashed name never changes; this is a test)' });
    const result = await publishRelease(target, { dir, routing: routing(2), catalog });
    second = result.release.id;
    expect(result.previous).toBe(first);
    expect(result.uploaded).toEqual(['assets/app-Abc12345.js', 'ttl/pub.html']);
    expect(result.unchanged).toBe(2);
    expect(result.invalidationPaths).toEqual(['/ttl/pub.html']);
    expect(result.invalidationIds).toHaveLength(1);
    expect(t.stack.invalidations.history[0]?.InvalidationBatch.Paths.Items).toEqual(['/ttl/pub.html']);
    // Unchanged objects keep pointing at the release that uploaded them.
    expect(result.release.objects['ttl/other.html']?.release).toBe(first);
    expect(result.release.objects['ttl/pub.html']?.release).toBe(second);
    const page = await t.site('/ttl/pub.html');
    expect(await page.text()).toBe('page v2');
    // The first release's bytes stay where its manifest says they are (rollback needs them).
    expect(await text(target.bucket, `releases/${first}/ttl/pub.html`)).toBe('page v1');
  });

  it('makes no release when nothing changed, and a dry run writes nothing', async () => {
    const same = await publishRelease(target, { dir, routing: routing(2), catalog });
    expect(same.release.id).toBe(second);
    expect(same.flippedAt).toBeUndefined();
    writeFiles(dir, { 'ttl/other.html': 'other v2' });
    const dry = await publishRelease(target, { dir, routing: routing(2), catalog }, { dryRun: true });
    expect(dry.uploaded).toEqual(['ttl/other.html']);
    expect(dry.objectsWritten).toBe(0);
    expect((await readLivePointer(target))?.release).toBe(second);
    expect(await text(target.bucket, 'ttl/other.html')).toBe('other');
  });

  it('without in-place copies, writes only the release copy and invalidates nothing', async () => {
    writeFiles(dir, { 'ttl/other.html': 'other, release only' });
    const result = await publishRelease(target, { dir, routing: routing(2), catalog }, { inPlace: false });
    expect(result.uploaded).toEqual(['ttl/other.html']);
    expect(result.objectsWritten).toBe(2); // the primary and the replica
    expect(result.invalidationPaths).toEqual([]);
    expect(await text(target.bucket, `releases/${result.release.id}/ttl/other.html`)).toBe('other, release only');
    expect(await text(target.bucket, 'ttl/other.html')).toBe('other');
    await rollbackRelease(target, { to: second });
  });

  it('a routing or catalog change alone is a release', async () => {
    writeFiles(dir, { 'ttl/other.html': 'other' });
    const result = await publishRelease(target, { dir, routing: routing(3), catalog });
    expect(result.uploaded).toEqual([]);
    expect(result.release.previous).toBe(second);
    await rollbackRelease(target, { to: second });
  });

  it('rollback flips the pointer back (no upload, no invalidation) and lists the releases', async () => {
    const invalidationsBefore = t.stack.invalidations.history.length;
    const result = await rollbackRelease(target, { to: first });
    expect(result).toMatchObject({ from: second, to: first });
    expect((await readLivePointer(target))?.release).toBe(first);
    expect((await readLiveRelease(target))?.routing).toEqual(routing(1));
    expect(t.stack.invalidations.history.length).toBe(invalidationsBefore);
    const releases = await listReleases(target);
    expect(releases.find((r) => r.live)?.id).toBe(first);
    expect(releases.map((r) => r.id)).toEqual(expect.arrayContaining([first, second]));
    await rollbackRelease(target, { to: second });
    // A plain rollback goes to the live release's previous one.
    expect((await rollbackRelease(target)).to).toBe(first);
  });

  it.each([
    [{ to: 'r-20200101-000000-dead' }, /release r-20200101-000000-dead does not exist/],
    [{ to: 'yesterday' }, /"yesterday" is not a release id/],
  ])('refuses a rollback to a release that is not there, leaving the live one (%o)', async (options, message) => {
    const before = await text(target.bucket, LIVE_POINTER_KEY);
    await expect(rollbackRelease(target, options)).rejects.toThrow(ReleaseError);
    await expect(rollbackRelease(target, options)).rejects.toThrow(message);
    expect(await text(target.bucket, LIVE_POINTER_KEY)).toBe(before);
  });

  it('refuses a first-release rollback, an already-live one and a build folder that is not there', async () => {
    await expect(rollbackRelease(target, { to: first })).rejects.toThrow(/already live/);
    await expect(rollbackRelease(target)).rejects.toThrow(/first release/);
    const before = await text(target.bucket, LIVE_POINTER_KEY);
    await expect(publishRelease(target, { dir: path.join(dir, 'missing'), routing: routing(9), catalog })).rejects.toThrow(
      /does not exist: build the site first/,
    );
    expect(await text(target.bucket, LIVE_POINTER_KEY)).toBe(before);
  });

  it('with the build report, hashes only the objects it names as changed, and every file when it is of another build', async () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'stride-release-dist-'));
    const site = path.join(dist, 'client');
    const buildReport = path.join(dist, 'build-report.json');
    const report = (id: string, base: string | null, changed: string[] | null) =>
      writeFiles(dist, { 'build-report.json': JSON.stringify({ id, base, changed, removed: [] }) });
    const lines: string[] = [];
    const publish = () =>
      publishRelease(target, { dir: site, routing: routing(4), catalog, buildReport }, { log: (line) => lines.push(line) });
    try {
      writeFiles(site, { 'r/a.html': 'a v1', 'r/b.html': 'b v1' });
      report('build-1', null, null);
      await publish();
      expect(lines.join('\n')).toMatch(/2 object\(s\) in .*: hashed every object/);
      writeFiles(site, { 'r/a.html': 'a v2' });
      report('build-2', 'build-1', ['r/a.html']);
      lines.length = 0;
      const changed = await publish();
      expect(lines.join('\n')).toMatch(/hashed the 1 object\(s\) the build report names as changed/);
      expect(changed.uploaded).toEqual(['r/a.html']);
      expect(await text(target.bucket, `releases/${changed.release.id}/r/a.html`)).toBe('a v2');
      // A report of a build the last publish never listed (b changed in between): nothing stale goes live.
      writeFiles(site, { 'r/b.html': 'b v2' });
      report('build-4', 'build-3', []);
      lines.length = 0;
      const other = await publish();
      expect(lines.join('\n')).toMatch(/hashed every object \(the last publish listed the output of another build/);
      expect(other.uploaded).toEqual(['r/b.html']);
      expect(await text(target.bucket, `releases/${other.release.id}/r/b.html`)).toBe('b v2');
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });
});
