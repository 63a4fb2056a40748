/**
 * What is cached how long: one Cache-Control table, by kind of object. Publish stores it as each
 * object's metadata and the edge's origin-response sets the same value on what CloudFront caches,
 * so the two can no longer disagree.
 *
 * - Hashed assets (Vite: `/assets/<name>-<hash>.<ext>`) never change under their name.
 * - Pages and page data: browsers revalidate every time; the edge keeps them a minute and may
 *   serve stale for five while it refreshes, so a launch at `launchAt` (home rows, listings)
 *   shows within a minute even without a publish, and a publish invalidates what it changed.
 * - Errors: seconds, so a fixed page or a restored origin shows at once.
 */
export type ObjectKind = 'hashed-asset' | 'page' | 'page-data' | 'other';

export const CACHE_CONTROL: Readonly<Record<ObjectKind | 'error', string>> = {
  'hashed-asset': 'public, max-age=31536000, immutable',
  page: 'public, max-age=0, s-maxage=60, stale-while-revalidate=300',
  'page-data': 'public, max-age=0, s-maxage=60, stale-while-revalidate=300',
  other: 'public, max-age=3600',
  error: 'public, max-age=5, s-maxage=10',
};

/** Vite names its output `assets/<name>-<hash>.<ext>` (source maps beside them). */
const HASHED_ASSET = /^\/?assets\/(?:.+\/)?[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+(?:\.map)?$/;

/** The kind of an object, by its key or viewer path (with or without the leading "/"). */
export function objectKind(keyOrPath: string, contentType?: string): ObjectKind {
  if (HASHED_ASSET.test(keyOrPath)) return 'hashed-asset';
  if (keyOrPath.endsWith('.html') || contentType?.startsWith('text/html')) return 'page';
  if (/^\/?data\//.test(keyOrPath)) return 'page-data';
  return 'other';
}

/** The Cache-Control for one response of the site origin, by kind of object and status. */
export function cacheControlFor(keyOrPath: string, status: number, contentType?: string): string {
  if (status >= 400 || (status >= 300 && status !== 304)) return CACHE_CONTROL.error;
  return CACHE_CONTROL[objectKind(keyOrPath, contentType)];
}
