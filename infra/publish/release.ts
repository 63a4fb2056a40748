import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  CloudFrontClient,
  CreateInvalidationCommand,
  GetInvalidationCommand,
  ListInvalidationsCommand,
  waitUntilInvalidationCompleted,
} from '@aws-sdk/client-cloudfront';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { CACHE_CONTROL, objectKind } from '@stride/contract/caching';
import {
  assertLivePointer,
  assertReleaseManifest,
  changedObjects,
  invalidationBatches,
  isHashedAssetKey,
  isReleaseId,
  LIVE_POINTER_KEY,
  newReleaseId,
  RELEASE_FORMAT,
  releaseManifestKey,
  RELEASES_PREFIX,
  storedKey,
  type LivePointer,
  type ReleaseManifest,
  type ReleaseObject,
} from '@stride/contract/releases';
import { localS3Client } from '../local/src/s3/local-s3';
import { contentTypeOf } from './content-types';
import { listBuiltObjects } from './local-files';
import type { LocalObject } from './plan';

/**
 * Publishing as releases (the model: @stride/contract/releases). The library marketing's
 * `launch` command and the local stack call: publishRelease, rollbackRelease, readLiveRelease,
 * listReleases. Every function takes its clients, so the same code runs against AWS and against
 * the local S3 server and the local console's CloudFront API.
 */

/** Bad input or a state the command cannot act on: the caller shows the message and exits 2; the live release is untouched. */
export class ReleaseError extends Error {
  override name = 'ReleaseError';
}

export interface ReleaseBucket {
  readonly s3: S3Client;
  readonly bucket: string;
  /**
   * Buckets S3 replication fills on AWS. Locally nothing replicates, so publish and rollback
   * write each of them too (same keys, same order).
   * @default []
   */
  readonly replicaBuckets?: readonly string[];
}

export interface InvalidationTarget {
  /** CloudFront, or the local console's CloudFront API (`endpoint: <console URL>`). */
  readonly cloudfront: CloudFrontClient;
  readonly distributionId: string;
}

export interface PublishReleaseInput<Routing, Catalog> {
  /** The built site (web/dist/client). */
  readonly dir: string;
  /** What the edge routes by (web/dist/route-manifest.json). */
  readonly routing: Routing;
  /** What the API serves (the program files). */
  readonly catalog: Catalog;
  /**
   * The build's report (web/dist/build-report.json): with it only the objects the build changed
   * are hashed (listBuiltObjects); without it, or when it cannot be trusted, every file is.
   */
  readonly buildReport?: string;
}

export interface PublishReleaseOptions {
  readonly now?: () => Date;
  readonly log?: (line: string) => void;
  /** Plan only: read the bucket, upload and flip nothing. */
  readonly dryRun?: boolean;
  /**
   * Also write each changed non-hashed object in place (`<key>`) and invalidate those paths, for
   * an edge that still routes by a manifest baked into its bundle. An edge that reads the live
   * release never asks for them: false halves the writes.
   * @default true
   */
  readonly inPlace?: boolean;
  /** Uploads in flight at once. @default 16 */
  readonly concurrency?: number;
  /** How long to wait for each invalidation batch to complete. @default 900 */
  readonly maxWaitSeconds?: number;
  /** Seconds between GetInvalidation polls. @default 20 (CloudFront's waiter) */
  readonly pollSeconds?: number;
}

export interface PublishReleaseResult<Routing = unknown, Catalog = unknown> {
  readonly release: ReleaseManifest<Routing, Catalog>;
  /** The release live before, if any. */
  readonly previous: string | undefined;
  /** Site keys whose bytes were uploaded (new or changed). */
  readonly uploaded: readonly string[];
  readonly unchanged: number;
  /** Object writes made (a changed non-hashed object is written under its release and in place). */
  readonly objectsWritten: number;
  readonly invalidationPaths: readonly string[];
  readonly invalidationIds: readonly string[];
  /** When the pointer named the new release; undefined for a dry run or when nothing changed. */
  readonly flippedAt: Date | undefined;
}

export interface ReleaseSummary {
  readonly id: string;
  readonly createdAt: string;
  readonly live: boolean;
}

const bucketsOf = (target: ReleaseBucket): string[] => [target.bucket, ...(target.replicaBuckets ?? [])];

const errorName = (error: unknown): string | undefined => (error as { name?: string } | null)?.name;

async function readJsonObject(s3: S3Client, bucket: string, key: string): Promise<unknown> {
  let text: string | undefined;
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    text = await object.Body?.transformToString('utf8');
  } catch (error) {
    if (errorName(error) === 'NoSuchKey') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text ?? '');
  } catch {
    throw new ReleaseError(`s3://${bucket}/${key} is not JSON: the bucket holds a damaged release object`);
  }
}

/** The live pointer, or undefined when nothing was ever published as a release. */
export async function readLivePointer(target: ReleaseBucket): Promise<LivePointer | undefined> {
  const value = await readJsonObject(target.s3, target.bucket, LIVE_POINTER_KEY);
  if (value === undefined) return undefined;
  assertLivePointer(value, `s3://${target.bucket}/${LIVE_POINTER_KEY}`);
  return value;
}

/** One release's manifest; a ReleaseError naming it when the bucket has no such release. */
export async function readRelease<Routing = unknown, Catalog = unknown>(
  target: ReleaseBucket,
  id: string,
): Promise<ReleaseManifest<Routing, Catalog>> {
  if (!isReleaseId(id)) throw new ReleaseError(`"${id}" is not a release id (like r-20260101-120000-ab12); see the list of releases`);
  const key = releaseManifestKey(id);
  const value = await readJsonObject(target.s3, target.bucket, key);
  if (value === undefined) throw new ReleaseError(`release ${id} does not exist in s3://${target.bucket} (see the list of releases)`);
  assertReleaseManifest(value, `s3://${target.bucket}/${key}`);
  return value as ReleaseManifest<Routing, Catalog>;
}

/** The live release's manifest, or undefined before the first publish. */
export async function readLiveRelease<Routing = unknown, Catalog = unknown>(
  target: ReleaseBucket,
): Promise<ReleaseManifest<Routing, Catalog> | undefined> {
  const pointer = await readLivePointer(target);
  return pointer ? readRelease<Routing, Catalog>(target, pointer.release) : undefined;
}

/** Every release in the bucket, newest first, the live one marked. */
export async function listReleases(target: ReleaseBucket): Promise<ReleaseSummary[]> {
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const page = await target.s3.send(
      new ListObjectsV2Command({ Bucket: target.bucket, Prefix: RELEASES_PREFIX, Delimiter: '/', ContinuationToken: token }),
    );
    for (const prefix of page.CommonPrefixes ?? []) {
      const id = prefix.Prefix?.slice(RELEASES_PREFIX.length, -1);
      if (isReleaseId(id)) ids.push(id);
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  const live = (await readLivePointer(target))?.release;
  const summaries: ReleaseSummary[] = [];
  for (const id of ids.sort().reverse()) {
    // A folder without a manifest is a publish that stopped before writing it: never a release.
    const manifest = await readJsonObject(target.s3, target.bucket, releaseManifestKey(id));
    if (manifest === undefined) continue;
    assertReleaseManifest(manifest, `s3://${target.bucket}/${releaseManifestKey(id)}`);
    summaries.push({ id, createdAt: manifest.createdAt, live: id === live });
  }
  return summaries;
}

/** Runs `work` over `items`, at most `limit` at once, in order of start. */
async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const putJson = (s3: S3Client, bucket: string, key: string, value: unknown, cacheControl: string) =>
  s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: JSON.stringify(value),
      ContentType: 'application/json; charset=utf-8',
      CacheControl: cacheControl,
    }),
  );

/** Writes the pointer to every bucket (primary last: it is the one readers trust). One PutObject each: atomic. */
async function flipPointer(target: ReleaseBucket, pointer: LivePointer): Promise<void> {
  for (const bucket of [...(target.replicaBuckets ?? []), target.bucket])
    await putJson(target.s3, bucket, LIVE_POINTER_KEY, pointer, 'no-store');
}

/** The viewer paths a changed in-place object can be cached under (a page folder is reached as /x/ and /x too). */
export function viewerPathsOf(key: string): string[] {
  const paths = [`/${key}`];
  if (key === 'index.html') paths.push('/');
  else if (key.endsWith('/index.html')) {
    const dir = key.slice(0, -'/index.html'.length);
    paths.push(`/${dir}/`, `/${dir}`);
  }
  return paths;
}

/** Sends invalidation batches one at a time, each within CloudFront's in-progress limits, waiting for each to complete. */
export async function invalidate(
  target: InvalidationTarget,
  paths: readonly string[],
  options: Pick<PublishReleaseOptions, 'maxWaitSeconds' | 'pollSeconds' | 'log'> = {},
): Promise<string[]> {
  const ids: string[] = [];
  for (const batch of invalidationBatches(paths)) {
    const created = await target.cloudfront.send(
      new CreateInvalidationCommand({
        DistributionId: target.distributionId,
        InvalidationBatch: { CallerReference: `stride-release-${randomUUID()}`, Paths: { Quantity: batch.length, Items: batch } },
      }),
    );
    const id = created.Invalidation?.Id;
    if (!id) throw new Error(`CloudFront accepted an invalidation for ${target.distributionId} but returned no id`);
    options.log?.(`invalidation ${id}: ${batch.length} path(s)`);
    if (created.Invalidation?.Status !== 'Completed') {
      await waitUntilInvalidationCompleted(
        { client: target.cloudfront, maxWaitTime: options.maxWaitSeconds ?? 900, minDelay: options.pollSeconds ?? 20 },
        { DistributionId: target.distributionId, Id: id },
      );
    }
    ids.push(id);
  }
  return ids;
}

/**
 * Invalidation paths this distribution was sent since the start of `now`'s calendar month (UTC):
 * what counts against CloudFront's free 1,000 a month ("The first 1,000 invalidation paths that
 * you submit per month are free; you pay for each invalidation path over 1,000 in a month. ... A
 * path that includes the * wildcard character counts as one path",
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/PayingForInvalidation.html).
 * The free allowance is per account; this counts the one distribution Stride has.
 */
export async function invalidationPathsThisMonth(target: InvalidationTarget, now: Date = new Date()): Promise<number> {
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  let paths = 0;
  let marker: string | undefined;
  // Newest first (ListInvalidations' order); bounded by the pages CloudFront returns.
  for (let page = 0; page < 100; page += 1) {
    const listed = await target.cloudfront.send(new ListInvalidationsCommand({ DistributionId: target.distributionId, Marker: marker }));
    const items = listed.InvalidationList?.Items ?? [];
    for (const item of items) {
      if (!item.Id || !item.CreateTime || item.CreateTime.getTime() < monthStart) continue;
      const one = await target.cloudfront.send(new GetInvalidationCommand({ DistributionId: target.distributionId, Id: item.Id }));
      paths += one.Invalidation?.InvalidationBatch?.Paths?.Quantity ?? 0;
    }
    if (!listed.InvalidationList?.IsTruncated) break;
    marker = listed.InvalidationList.NextMarker;
  }
  return paths;
}

/**
 * Publishes the built site as a new release:
 * 1. uploads only objects whose bytes differ from the live release: each non-hashed one under
 *    the new release (`releases/<id>/<key>`, what the edge serves) and in place (`<key>`, for
 *    viewers of an edge that routes by a baked manifest); hashed assets under their own name;
 *    non-page objects before pages, so no page is live before what it loads;
 * 2. writes the manifest (routing, catalog, every object with the release holding its bytes);
 * 3. flips the pointer (one PutObject: atomic);
 * 4. invalidates exactly the changed non-hashed in-place paths, in batches within CloudFront's
 *    limits (never `/*`; new keys were never cached, hashed names never change).
 * Nothing changed (same objects, routing and catalog) makes no release. Any failure before step 3
 * leaves the live release as it was.
 */
export async function publishRelease<Routing, Catalog>(
  target: ReleaseBucket & Partial<InvalidationTarget>,
  input: PublishReleaseInput<Routing, Catalog>,
  options: PublishReleaseOptions = {},
): Promise<PublishReleaseResult<Routing, Catalog>> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});
  const concurrency = options.concurrency ?? 16;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new ReleaseError(`concurrency must be a positive whole number, got ${concurrency}`);
  let local: LocalObject[];
  try {
    const listed = await listBuiltObjects(input.dir, input.buildReport);
    log(`${listed.objects.length} object(s) in ${input.dir}: ${listed.how}`);
    local = listed.objects;
  } catch (error) {
    throw new ReleaseError((error as Error).message);
  }
  const live = await readLiveRelease<Routing, Catalog>(target);
  const createdAt = now();
  const id = newReleaseId(createdAt, randomBytes(3).toString('hex'));

  const objects: Record<string, ReleaseObject> = {};
  const uploads: LocalObject[] = [];
  for (const object of local) {
    const before = live?.objects[object.key];
    if (before && before.md5 === object.md5) objects[object.key] = before;
    else {
      objects[object.key] = { md5: object.md5, size: object.size, release: id };
      uploads.push(object);
    }
  }
  const release: ReleaseManifest<Routing, Catalog> = {
    format: RELEASE_FORMAT,
    id,
    createdAt: createdAt.toISOString(),
    ...(live ? { previous: live.id } : {}),
    routing: input.routing,
    catalog: input.catalog,
    objects,
  };
  const diff = changedObjects(live, release);
  const inPlace = options.inPlace ?? true;
  const invalidationPaths = inPlace ? diff.changed.filter((key) => !isHashedAssetKey(key)).flatMap(viewerPathsOf) : [];
  const same =
    live !== undefined &&
    uploads.length === 0 &&
    diff.removed.length === 0 &&
    JSON.stringify(live.routing) === JSON.stringify(input.routing) &&
    JSON.stringify(live.catalog) === JSON.stringify(input.catalog);
  const summary = `${uploads.length} object(s) to upload, ${local.length - uploads.length} unchanged, ${diff.removed.length} gone, ${invalidationPaths.length} path(s) to invalidate`;
  const result = (flippedAt: Date | undefined, written: number, invalidationIds: string[] = []) => ({
    release,
    previous: live?.id,
    uploaded: uploads.map((u) => u.key),
    unchanged: local.length - uploads.length,
    objectsWritten: written,
    invalidationPaths,
    invalidationIds,
    flippedAt,
  });
  if (same) {
    log(`nothing changed since release ${live.id}: no new release`);
    return { ...result(undefined, 0), release: live };
  }
  if (options.dryRun) {
    log(`dry run: release ${id} would have ${summary}`);
    return result(undefined, 0);
  }

  const writes: { key: string; file: LocalObject }[] = [];
  for (const object of uploads) {
    const sk = storedKey(object.key, objects[object.key] as ReleaseObject);
    writes.push({ key: sk, file: object });
    if (sk !== object.key && inPlace) writes.push({ key: object.key, file: object });
  }
  // Release-keyed copies and non-pages first; in-place pages last (an old edge serves them at once).
  const inPlacePage = (w: { key: string }) => !w.key.startsWith(RELEASES_PREFIX) && objectKind(w.key) === 'page';
  const ordered = [...writes.filter((w) => !inPlacePage(w)), ...writes.filter(inPlacePage)];
  for (const bucket of bucketsOf(target)) {
    const firstPage = ordered.findIndex(inPlacePage);
    const phases = firstPage < 0 ? [ordered] : [ordered.slice(0, firstPage), ordered.slice(firstPage)];
    for (const phase of phases) {
      await inPool(phase, concurrency, async ({ key, file }) => {
        const body = await readFile(path.join(input.dir, ...file.key.split('/')));
        const kind = objectKind(file.key);
        await target.s3.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: body,
            ContentType: contentTypeOf(file.key),
            CacheControl: CACHE_CONTROL[kind],
            // S3 rejects the upload if the bytes it received are not the ones planned.
            ContentMD5: Buffer.from(file.md5, 'hex').toString('base64'),
          }),
        );
      });
    }
    await putJson(target.s3, bucket, releaseManifestKey(id), release, CACHE_CONTROL['hashed-asset']);
  }
  const flippedAt = now();
  await flipPointer(target, { format: RELEASE_FORMAT, release: id, flippedAt: flippedAt.toISOString(), reason: 'publish' });
  log(`release ${id} is live (${summary})`);
  const invalidationIds =
    target.cloudfront && target.distributionId && invalidationPaths.length > 0
      ? await invalidate({ cloudfront: target.cloudfront, distributionId: target.distributionId }, invalidationPaths, { ...options, log })
      : [];
  return result(flippedAt, ordered.length * bucketsOf(target).length, invalidationIds);
}

export interface RollbackResult {
  readonly from: string;
  readonly to: string;
  readonly flippedAt: Date;
}

/**
 * Puts a previous release back: flips the pointer only (no upload, no distribution change, no
 * invalidation): the edge and the API follow within their refresh interval. `to` defaults to the
 * live release's `previous`.
 */
export async function rollbackRelease(
  target: ReleaseBucket,
  options: { readonly to?: string; readonly now?: () => Date; readonly log?: (line: string) => void } = {},
): Promise<RollbackResult> {
  const pointer = await readLivePointer(target);
  if (!pointer) throw new ReleaseError(`s3://${target.bucket} has no live release: publish one first`);
  let to = options.to;
  if (to === undefined) {
    const live = await readRelease(target, pointer.release);
    if (!live.previous) throw new ReleaseError(`release ${live.id} is the first release: there is none before it to roll back to`);
    to = live.previous;
  }
  if (to === pointer.release) throw new ReleaseError(`release ${to} is already live`);
  await readRelease(target, to); // exists and is whole, or a ReleaseError naming it
  const flippedAt = (options.now ?? (() => new Date()))();
  await flipPointer(target, { format: RELEASE_FORMAT, release: to, flippedAt: flippedAt.toISOString(), reason: 'rollback' });
  options.log?.(`release ${to} is live again (was ${pointer.release})`);
  return { from: pointer.release, to, flippedAt };
}

export class UnreachableTargetError extends ReleaseError {
  override name = 'UnreachableTargetError';
}

/**
 * The release target of a running local stack, found through its console (`GET /api/state`
 * names the local S3 server, the site bucket and its replica, and the distribution id): the real
 * S3 client on the local server and the real CloudFront client on the console's CloudFront API.
 */
export async function localReleaseTarget(consoleUrl: string): Promise<ReleaseBucket & InvalidationTarget> {
  let state: { releases?: LocalReleaseLocation };
  try {
    const response = await fetch(new URL('/api/state', consoleUrl), { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`it answered ${response.status}`);
    state = (await response.json()) as typeof state;
  } catch (error) {
    throw new UnreachableTargetError(
      `the local stack's console at ${consoleUrl} cannot be reached (${(error as Error).message}): start it with npm start, or pass --console URL`,
    );
  }
  const releases = state.releases;
  if (!releases)
    throw new UnreachableTargetError(`the console at ${consoleUrl} names no release bucket: restart npm start with this version`);
  return localReleaseClients(releases, consoleUrl);
}

/** Where a local stack keeps its releases, as its console's `GET /api/state` names it. */
export interface LocalReleaseLocation {
  readonly s3Endpoint: string;
  readonly bucket: string;
  readonly replicaBuckets: readonly string[];
  readonly distributionId: string;
}

/**
 * The real S3 client on the local S3 server and the real CloudFront client on the console's
 * CloudFront API (it takes any credentials), for a local stack's releases.
 */
export function localReleaseClients(releases: LocalReleaseLocation, consoleUrl: string): ReleaseBucket & InvalidationTarget {
  return {
    s3: localS3Client(releases.s3Endpoint),
    bucket: releases.bucket,
    replicaBuckets: [...releases.replicaBuckets],
    cloudfront: new CloudFrontClient({
      region: 'us-east-1',
      endpoint: consoleUrl,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
    distributionId: releases.distributionId,
  };
}
