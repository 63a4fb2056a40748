import { CACHE_CONTROL, objectKind, type ObjectKind } from '@stride/contract/caching';
import { contentTypeOf } from './content-types';

/**
 * What a publish does, decided without touching AWS: which built files to upload (with which
 * Cache-Control and Content-Type), in which order, and which CDN paths to invalidate.
 * Pure, so marketing's launch tooling can plan (and show) a launch the same way.
 */

/** A built file: its key in the bucket and the MD5 of its bytes (hex). */
export interface LocalObject {
  readonly key: string;
  readonly md5: string;
  readonly size: number;
}

/** An object in the bucket, as ListObjectsV2 reports it. */
export interface RemoteObject {
  readonly key: string;
  /** S3's ETag, quoted; for a single-part upload it is the MD5 of the bytes. */
  readonly etag: string;
}

/** Kept under this name for the plan's callers; the map is shared with the local buckets. */
export const contentType = contentTypeOf;

export interface PlannedUpload {
  readonly key: string;
  readonly kind: ObjectKind;
  readonly cacheControl: string;
  readonly contentType: string;
  readonly md5: string;
  readonly size: number;
  /** 'new': not in the bucket yet; 'changed': in the bucket with other bytes. */
  readonly reason: 'new' | 'changed';
}

export interface PublishPlan {
  /** Everything except HTML first, then HTML: a page is never live before what it loads. */
  readonly uploads: readonly PlannedUpload[];
  readonly unchanged: readonly string[];
  /** In the bucket but no longer built. Left in place: cached pages may still reference them. */
  readonly stale: readonly string[];
  /** CloudFront paths to invalidate; empty when nothing the CDN may hold changed. */
  readonly invalidationPaths: readonly string[];
}

export interface PlanOptions {
  /** Above this many paths, invalidate `/*` instead (CloudFront bills per path). */
  readonly maxInvalidationPaths?: number;
}

export class PublishPlanError extends Error {
  override name = 'PublishPlanError';
}

const unquote = (etag: string): string => etag.replace(/^"|"$/g, '').toLowerCase();

function assertKey(key: string): void {
  if (
    key === '' ||
    key.startsWith('/') ||
    key.split('/').some((part) => part === '' || part === '.' || part === '..') ||
    key.includes('\\')
  ) {
    throw new PublishPlanError(`not a valid object key: "${key}" (relative, "/"-separated, no empty, "." or ".." parts)`);
  }
}

/** The viewer paths that can be cached for a changed key (a page folder is reached as /x/ and /x too). */
function pathsFor(key: string): string[] {
  const paths = [`/${key}`];
  if (key === 'index.html') paths.push('/');
  else if (key.endsWith('/index.html')) {
    const dir = key.slice(0, -'/index.html'.length);
    paths.push(`/${dir}/`, `/${dir}`);
  }
  return paths;
}

export function planPublish(local: readonly LocalObject[], remote: readonly RemoteObject[], options: PlanOptions = {}): PublishPlan {
  const maxPaths = options.maxInvalidationPaths ?? 50;
  if (!Number.isInteger(maxPaths) || maxPaths < 1)
    throw new PublishPlanError(`maxInvalidationPaths must be a positive integer, got ${maxPaths}`);
  const remoteByKey = new Map(remote.map((object) => [object.key, object]));
  const seen = new Set<string>();
  const uploads: PlannedUpload[] = [];
  const unchanged: string[] = [];
  const invalidate = new Set<string>();

  for (const object of local) {
    assertKey(object.key);
    if (seen.has(object.key)) throw new PublishPlanError(`"${object.key}" is listed twice`);
    if (!/^[0-9a-f]{32}$/i.test(object.md5)) throw new PublishPlanError(`"${object.key}": md5 must be 32 hex digits, got "${object.md5}"`);
    seen.add(object.key);
    const existing = remoteByKey.get(object.key);
    // A multipart ETag ("…-N") is not an MD5: it never equals one, so the object is re-sent.
    if (existing && unquote(existing.etag) === object.md5.toLowerCase()) {
      unchanged.push(object.key);
      continue;
    }
    const kind = objectKind(object.key);
    uploads.push({
      key: object.key,
      kind,
      cacheControl: CACHE_CONTROL[kind],
      contentType: contentType(object.key),
      md5: object.md5.toLowerCase(),
      size: object.size,
      reason: existing ? 'changed' : 'new',
    });
    // New keys were never cached (at most a 404, cached for seconds); hashed names never change.
    if (existing && kind !== 'hashed-asset') for (const path of pathsFor(object.key)) invalidate.add(path);
  }

  const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const ordered = [...uploads.filter((u) => u.kind !== 'page').sort(byKey), ...uploads.filter((u) => u.kind === 'page').sort(byKey)];
  const paths = [...invalidate].sort();
  return {
    uploads: ordered,
    unchanged: unchanged.sort(),
    stale: remote
      .map((object) => object.key)
      .filter((key) => !seen.has(key))
      .sort(),
    invalidationPaths: paths.length > maxPaths ? ['/*'] : paths,
  };
}

/** The plan as a person reads it (`--dry-run`). */
export function describePlan(plan: PublishPlan): string {
  const lines = [`upload ${plan.uploads.length} object(s), ${plan.unchanged.length} unchanged, ${plan.stale.length} stale (kept)`];
  for (const upload of plan.uploads)
    lines.push(`  ${upload.reason === 'new' ? '+' : '~'} ${upload.key}  [${upload.contentType}; ${upload.cacheControl}]`);
  lines.push(
    plan.invalidationPaths.length
      ? `invalidate ${plan.invalidationPaths.length} path(s): ${plan.invalidationPaths.join(' ')}`
      : 'invalidate nothing',
  );
  return lines.join('\n');
}
