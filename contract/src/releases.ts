/**
 * A release: everything marketing publishes, as data, so publishing needs no code deploy.
 *
 * - A release manifest (`releases/<id>/release.json` in the site bucket) names what is live: the
 *   routing data the edge routes by (pages, launches, licences, redirects), the catalog the API
 *   serves, and every object of the site with the release whose upload holds its bytes.
 *   Manifests are immutable once written; a release id is never reused.
 * - The live pointer (`releases/live.json`) names the live release. Publish and rollback change
 *   only the pointer (one PutObject: S3 replaces an object atomically, a reader gets the old
 *   pointer or the new one, never a mix), so a rollback is one write and no distribution change.
 * - Keys: a hashed asset keeps its own name (its bytes never change under it) and is never
 *   deleted by a publish, so a tab opened on an older release keeps loading it for at least
 *   HASHED_ASSET_RETENTION_DAYS. Every other object lives under the release that uploaded its
 *   bytes (`releases/<id>/<key>`); an unchanged object keeps pointing to the older release's copy,
 *   so a publish uploads only what changed. The edge answers a page with the stored key of the
 *   release it read, so the CDN caches each release's pages under their own keys: a viewer never
 *   gets pages of two releases mixed, and a flip or a rollback needs no invalidation for them.
 * - Staleness: the edge and the API re-read the pointer at most every RELEASE_REFRESH_MS per
 *   container and accept a copy at most RELEASE_MAX_STALENESS_MS old; if a read fails they keep
 *   the last good copy (never a guessed or empty one: they fail closed, never open).
 *
 * Dependency-free; routing and catalog are typed by their readers (the edge's route manifest,
 * the web build's program files) and validated there.
 */

export const RELEASE_FORMAT = 1;
/** Every release object (manifests, the pointer, release-keyed copies) lives under this prefix. */
export const RELEASES_PREFIX = 'releases/';
/** The site bucket of the local stack (on its S3 server): where releases are published locally. */
export const LOCAL_RELEASE_BUCKET = 'stride-site-primary';
/** The object that names the live release. */
export const LIVE_POINTER_KEY = 'releases/live.json';
/** How often a container re-reads the pointer (a rollback shows within this plus one read). */
export const RELEASE_REFRESH_MS = 5_000;
/** The oldest copy of the live release the edge and the API accept while reads succeed. */
export const RELEASE_MAX_STALENESS_MS = 30_000;
/** A hashed asset stays in the bucket at least this long after the last release naming it. */
export const HASHED_ASSET_RETENTION_DAYS = 7;
/** CloudFront's limits on invalidations in progress at once, per distribution. */
export const INVALIDATION_LIMITS = { paths: 3000, wildcards: 15 } as const;
/** Invalidation paths CloudFront does not bill, per account and month. */
export const FREE_INVALIDATION_PATHS_PER_MONTH = 1000;

/** Where one object's bytes are: their MD5 (hex), size, and the release whose upload holds them. */
export interface ReleaseObject {
  readonly md5: string;
  readonly size: number;
  readonly release: string;
}

/**
 * The catalog a release carries for the API: the program files as the web build read them
 * (web/content/programs/<slug>.json), validated by the API with the build's own rules.
 */
export interface CatalogFile {
  /** The file name, `<slug>.json`. */
  readonly name: string;
  readonly text: string;
}

export interface ReleaseManifest<Routing = unknown, Catalog = unknown> {
  readonly format: typeof RELEASE_FORMAT;
  readonly id: string;
  /** ISO 8601 instant the release was made. */
  readonly createdAt: string;
  /** The release that was live when this one was published (what a plain rollback returns to). */
  readonly previous?: string;
  /** What the edge routes by; launch dates and licences are in it, so a launch flips with nobody acting. */
  readonly routing: Routing;
  /** What the API serves (the program files, as the web build validates them). */
  readonly catalog: Catalog;
  /** Every object of the site by its key (relative, "/"-separated, as the web build writes it). */
  readonly objects: Readonly<Record<string, ReleaseObject>>;
}

export interface LivePointer {
  readonly format: typeof RELEASE_FORMAT;
  readonly release: string;
  /** ISO 8601 instant of the flip. */
  readonly flippedAt: string;
  /** 'publish' or 'rollback': what flipped it (the calendar shows it). */
  readonly reason: 'publish' | 'rollback';
}

/** `r-YYYYMMDD-HHMMSS-<suffix>`: sorts by creation time, fits any object key or URL unescaped. */
const RELEASE_ID = /^r-\d{8}-\d{6}-[a-z0-9]{4,12}$/;

export const isReleaseId = (value: unknown): value is string => typeof value === 'string' && RELEASE_ID.test(value);

/** A new release id for `now`; `suffix` (4-12 lowercase letters or digits) keeps two ids of one second apart. */
export function newReleaseId(now: Date, suffix: string): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const id = `r-${stamp}-${suffix}`;
  if (!isReleaseId(id)) throw new Error(`release id suffix must be 4-12 lowercase letters or digits, got "${suffix}"`);
  return id;
}

export const releaseManifestKey = (id: string): string => `${RELEASES_PREFIX}${id}/release.json`;

/** Vite's hashed output (`assets/<name>-<hash>.<ext>`), the one kind kept under its own name. */
const HASHED_ASSET = /^assets\/(?:.+\/)?[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+(?:\.map)?$/;

export const isHashedAssetKey = (key: string): boolean => HASHED_ASSET.test(key.replace(/^\//, ''));

/** The bucket key holding a site object's bytes in a release (no leading "/"). */
export function storedKey(siteKey: string, object: Pick<ReleaseObject, 'release'>): string {
  const key = siteKey.replace(/^\//, '');
  return isHashedAssetKey(key) ? key : `${RELEASES_PREFIX}${object.release}/${key}`;
}

/** The viewer URI of a site object in a release ("/programs/x/index.html" → "/releases/<id>/programs/x/index.html"). */
export function storedUri(siteUri: string, manifest: Pick<ReleaseManifest, 'objects'>): string | undefined {
  const object = manifest.objects[siteUri.replace(/^\//, '')];
  return object ? `/${storedKey(siteUri, object)}` : undefined;
}

/** The site object a stored URI holds ("/releases/<id>/programs/x/index.html" → "/programs/x/index.html"); other URIs as they are. */
export const siteUriOf = (uri: string): string => uri.replace(/^\/releases\/r-[^/]+\//, '/');

/** How old a copy read at `readAtMs` may be before a reader must try again. */
export const isStale = (readAtMs: number, nowMs: number): boolean => nowMs - readAtMs >= RELEASE_REFRESH_MS;

type Fail = (what: string) => never;

const isObjectKeyText = (key: string): boolean =>
  key !== '' && !key.startsWith('/') && !key.includes('\\') && !key.split('/').some((p) => p === '' || p === '.' || p === '..');

/** Throws a message naming the first problem: a reader never routes by a broken release. */
export function assertReleaseManifest(value: unknown, source: string): asserts value is ReleaseManifest {
  const fail: Fail = (what) => {
    throw new Error(`${source}: ${what}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('not a JSON object');
  const manifest = value as Record<string, unknown>;
  if (manifest.format !== RELEASE_FORMAT) fail(`format: expected ${RELEASE_FORMAT}, got ${JSON.stringify(manifest.format)}`);
  if (!isReleaseId(manifest.id)) fail(`id: expected a release id like "r-20260101-120000-ab12", got ${JSON.stringify(manifest.id)}`);
  if (typeof manifest.createdAt !== 'string' || Number.isNaN(Date.parse(manifest.createdAt)))
    fail(`createdAt: expected an ISO 8601 instant, got ${JSON.stringify(manifest.createdAt)}`);
  if (manifest.previous !== undefined && !isReleaseId(manifest.previous))
    fail(`previous: expected a release id, got ${JSON.stringify(manifest.previous)}`);
  if (typeof manifest.routing !== 'object' || manifest.routing === null) fail('routing: expected an object');
  if (manifest.catalog === undefined) fail('catalog: missing');
  const objects = manifest.objects;
  if (typeof objects !== 'object' || objects === null || Array.isArray(objects)) fail('objects: expected an object keyed by object key');
  for (const [key, object] of Object.entries(objects as Record<string, unknown>)) {
    if (!isObjectKeyText(key)) fail(`objects: "${key}" is not an object key (relative, "/"-separated, no empty, "." or ".." parts)`);
    const o = object as Record<string, unknown> | null;
    if (typeof o !== 'object' || o === null) fail(`objects.${key}: expected { md5, size, release }`);
    if (typeof o.md5 !== 'string' || !/^[0-9a-f]{32}$/.test(o.md5)) fail(`objects.${key}.md5: expected 32 lowercase hex digits`);
    if (typeof o.size !== 'number' || !Number.isInteger(o.size) || o.size < 0) fail(`objects.${key}.size: expected a whole number`);
    if (!isReleaseId(o.release)) fail(`objects.${key}.release: expected a release id, got ${JSON.stringify(o.release)}`);
  }
}

export function assertLivePointer(value: unknown, source: string): asserts value is LivePointer {
  const fail: Fail = (what) => {
    throw new Error(`${source}: ${what}`);
  };
  if (typeof value !== 'object' || value === null) fail('not a JSON object');
  const pointer = value as Record<string, unknown>;
  if (pointer.format !== RELEASE_FORMAT) fail(`format: expected ${RELEASE_FORMAT}, got ${JSON.stringify(pointer.format)}`);
  if (!isReleaseId(pointer.release)) fail(`release: expected a release id, got ${JSON.stringify(pointer.release)}`);
  if (typeof pointer.flippedAt !== 'string' || Number.isNaN(Date.parse(pointer.flippedAt))) fail('flippedAt: expected an ISO 8601 instant');
  if (pointer.reason !== 'publish' && pointer.reason !== 'rollback') fail('reason: expected "publish" or "rollback"');
}

/** What changed between two releases' objects: the keys whose bytes differ, and those gone. */
export function changedObjects(
  before: Pick<ReleaseManifest, 'objects'> | undefined,
  after: Pick<ReleaseManifest, 'objects'>,
): { readonly changed: readonly string[]; readonly added: readonly string[]; readonly removed: readonly string[] } {
  const changed: string[] = [];
  const added: string[] = [];
  for (const [key, object] of Object.entries(after.objects)) {
    const old = before?.objects[key];
    if (!old) added.push(key);
    else if (old.md5 !== object.md5) changed.push(key);
  }
  const removed = before ? Object.keys(before.objects).filter((key) => !(key in after.objects)) : [];
  return { changed: changed.sort(), added: added.sort(), removed: removed.sort() };
}

/**
 * Invalidation paths split into batches CloudFront accepts while others are in progress: at
 * most INVALIDATION_LIMITS.paths paths and INVALIDATION_LIMITS.wildcards wildcard paths each
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-invalidations).
 * A caller sends one batch and waits for it to complete before the next.
 */
export function invalidationBatches(paths: readonly string[]): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let wildcards = 0;
  for (const path of [...new Set(paths)]) {
    const wildcard = path.endsWith('*');
    if (current.length === INVALIDATION_LIMITS.paths || (wildcard && wildcards === INVALIDATION_LIMITS.wildcards)) {
      batches.push(current);
      current = [];
      wildcards = 0;
    }
    current.push(path);
    if (wildcard) wildcards += 1;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
