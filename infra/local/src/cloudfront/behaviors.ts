/**
 * The distribution's cache behaviors and policies, mirroring what the CDK distribution sets.
 * One place, so a behavior difference between local and AWS is a diff in one file.
 */
export interface CachePolicy {
  readonly name: string;
  readonly minTtl: number;
  readonly defaultTtl: number;
  readonly maxTtl: number;
  /** Headers in the cache key (lowercase); Accept-Encoding is always normalized out locally (no compression). */
  readonly headers: readonly string[];
  readonly cookies: readonly string[];
  readonly queryStrings: 'none' | 'all' | readonly string[];
}

export type OriginKind = 'site' | 'media' | 'api';
export const EDGE_EVENT_TYPES = ['viewer-request', 'origin-request', 'origin-response', 'viewer-response'] as const;
export type EdgeEventType = (typeof EDGE_EVENT_TYPES)[number];

export interface Behavior {
  readonly pathPattern: string;
  readonly origin: OriginKind;
  readonly allowedMethods: readonly string[];
  /** null: CachingDisabled (every request goes to the origin). */
  readonly cachePolicy: CachePolicy | null;
  /** Lambda@Edge associations: every built bundle whose event type is listed here runs. */
  readonly edgeEvents: readonly EdgeEventType[];
  /** Requests need CloudFront signed cookies/URLs from this key group. */
  readonly trustedKeyGroup: boolean;
}

/** Like the managed CachingOptimized policy, but MinTTL 0 so `no-store` from the origin is honored. */
export const STATIC_CACHE_POLICY: CachePolicy = { name: 'StrideStatic', minTtl: 0, defaultTtl: 86_400, maxTtl: 31_536_000, headers: [], cookies: [], queryStrings: 'none' };

const READ = ['GET', 'HEAD', 'OPTIONS'];

/** In CloudFront's precedence order; the default behavior (`*`) is last. */
export const BEHAVIORS: readonly Behavior[] = [
  { pathPattern: '/api/*', origin: 'api', allowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'], cachePolicy: null, edgeEvents: [], trustedKeyGroup: false },
  { pathPattern: '/media/*', origin: 'media', allowedMethods: READ, cachePolicy: STATIC_CACHE_POLICY, edgeEvents: [], trustedKeyGroup: true },
  { pathPattern: '*', origin: 'site', allowedMethods: READ, cachePolicy: STATIC_CACHE_POLICY, edgeEvents: [...EDGE_EVENT_TYPES], trustedKeyGroup: false },
];

/** CloudFront path patterns: case-sensitive, `*` any run of characters, `?` one character. */
export function pathPatternMatches(pattern: string, path: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
  return regex.test(pattern.startsWith('/') || pattern === '*' ? path : path.slice(1));
}

export function behaviorFor(path: string, behaviors: readonly Behavior[] = BEHAVIORS): Behavior {
  return behaviors.find((b) => pathPatternMatches(b.pathPattern, path)) ?? (behaviors[behaviors.length - 1] as Behavior);
}

/** Custom error responses for the site, with ErrorCachingMinTTL (seconds). */
export interface CustomErrorResponse {
  readonly errorCode: number;
  readonly responsePagePath?: string;
  readonly responseCode?: number;
  readonly errorCachingMinTtl: number;
}

export const DEFAULT_ERROR_CACHING_MIN_TTL = 10;

/**
 * As the CDK distribution sets them: every cacheable error code cached for 10 s, no replacement
 * page (they apply to /api/* too, whose JSON errors must reach the client; the viewer-request
 * function routes unknown pages to /404.html itself). `responsePagePath` is supported for tests
 * and future use.
 */
export const CUSTOM_ERROR_RESPONSES: readonly CustomErrorResponse[] = [400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504].map((errorCode) => ({
  errorCode,
  errorCachingMinTtl: DEFAULT_ERROR_CACHING_MIN_TTL,
}));

/** The status codes CloudFront caches as errors (others, 416 included, pass through uncached). */
export const CACHEABLE_ERROR_CODES = new Set([400, 403, 404, 405, 410, 414, 500, 501, 502, 503, 504]);

/** The site's origin group: fail over to the replica bucket on these, and on connection errors. */
export const ORIGIN_GROUP_FAILOVER_CODES = new Set([403, 404, 500, 502, 503, 504]);
