/** Built assets carry a content hash in their name (Vite: `/assets/<name>-<hash>.<ext>`): never revalidate. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Pages and page data: browsers revalidate; the edge keeps them a minute and may serve stale while refreshing. */
export const HTML = 'public, max-age=0, s-maxage=60, stale-while-revalidate=300';
/** Errors: seconds at most, so a fixed page or a restored origin shows at once. */
export const ERROR = 'public, max-age=5, s-maxage=10';
/** Anything else in the bucket (favicon, robots.txt): an hour. */
export const OTHER = 'public, max-age=3600';

const HASHED_ASSET = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/** The Cache-Control for one origin response, by kind of object and status. */
export function cacheControlFor(uri: string, status: number, contentType: string | undefined): string {
  if (status >= 400) return ERROR;
  if (status >= 300 && status !== 304) return ERROR;
  if (HASHED_ASSET.test(uri)) return IMMUTABLE;
  if (uri.endsWith('.html') || uri.startsWith('/data/') || contentType?.startsWith('text/html')) return HTML;
  return OTHER;
}
