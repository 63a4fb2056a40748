/**
 * How an API request reaches a region that can answer it, when one region is failing. One home
 * for the rule; the CloudFront description (infra/distribution), the API's router, the web app's
 * API client and outbox, and the drill's viewers all import it.
 *
 * Why: Route 53 failover alone (contract/src/failover.ts) leaves `api.<domain>` pointing at a dead
 * region for up to `worstCaseFlipSeconds(AWS_DEFAULT_FAILOVER)` = 180 s. So, in front of it:
 *
 * 1. Reads a play needs (the playback grant, the resume point and progress lists, who am I) have
 *    GET-only paths served by a CloudFront origin group of the two regions' own API domains. The
 *    primary's failure (a connection failure or timeout, or one of `API_FAILOVER_STATUS_CODES`)
 *    sends that same request to the secondary at once. CloudFront fails over only for GET, HEAD
 *    and OPTIONS, and an origin group may serve only a behavior that allows no other method
 *    (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/high_availability_origin_failover.html),
 *    hence paths of their own.
 * 2. Every API path also exists pinned to one region: `/api/region/<role>/…` is a behavior whose
 *    only origin is that region's own API domain (all methods). A client whose request failed on
 *    the default path (writes, sign-in) sends it again there, to the other region first.
 * 3. `/api/*` stays on `api.<domain>`, the Route 53 failover name, for every client that does
 *    neither (and after the flip it is the healthy region anyway).
 *
 * A region answers a pinned path exactly as it answers the unpinned one (`unpinApiPath`).
 */

export const REGION_ROLES = ['primary', 'secondary'] as const;
export type RegionRole = (typeof REGION_ROLES)[number];

/** Every API path starts here. */
export const API_PREFIX = '/api';
/** `/api/region/<role>/…`: the same API, answered only by that region. */
export const REGION_PINNED_PREFIX = `${API_PREFIX}/region`;

/** The CloudFront path pattern of a region-pinned behavior. */
export const regionPinnedPathPattern = (role: RegionRole): string => `${REGION_PINNED_PREFIX}/${role}/*`;

/**
 * `/api/x?y` → `/api/region/<role>/x?y`. Only API paths can be pinned; one already pinned is
 * re-pinned to `role`.
 */
export function regionPinnedPath(role: RegionRole, apiPath: string): string {
  const unpinned = unpinApiPath(apiPath).path;
  if (unpinned !== API_PREFIX && !unpinned.startsWith(`${API_PREFIX}/`) && !unpinned.startsWith(`${API_PREFIX}?`))
    throw new Error(`not an API path: ${apiPath.slice(0, 100)}`);
  return `${REGION_PINNED_PREFIX}/${role}${unpinned.slice(API_PREFIX.length)}`;
}

/**
 * The API path a (possibly region-pinned) request path names, and the role it was pinned to.
 * `/api/region/secondary/progress/w1` → `{ path: '/api/progress/w1', role: 'secondary' }`;
 * any other path comes back as it is.
 */
export function unpinApiPath(path: string): { readonly path: string; readonly role?: RegionRole } {
  for (const role of REGION_ROLES) {
    const prefix = `${REGION_PINNED_PREFIX}/${role}`;
    if (path === prefix) return { path: API_PREFIX, role };
    if (path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`)) return { path: `${API_PREFIX}${path.slice(prefix.length)}`, role };
  }
  return { path };
}

/**
 * The GET-only API paths behind the regions' origin group, as CloudFront path patterns. Each
 * must be a path whose API route answers GET (and HEAD) only; the router test holds them to it.
 * `/api/progress` is exact: the lists (`/api/progress`, `?program=`) and one workout's position
 * (`?workout=`) are reads there, while `/api/progress/<id>` (PUT) is a write.
 */
export const FAILOVER_READ_PATH_PATTERNS = ['/api/playback/*', '/api/progress', '/api/me'] as const;

/** One workout's saved position as a read the origin group serves (`GET /api/progress/<id>` answers the same). */
export const progressReadPath = (workoutId: string): string => `${API_PREFIX}/progress?workout=${encodeURIComponent(workoutId)}`;

/**
 * The primary's answers that send a read to the secondary. 500: API Gateway's answer when the
 * Lambda is throttled or fails (https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html);
 * 502/503/504: the gateway's own failures. Never a 4xx: the API's 401/403/404/451 are answers
 * (a refusal must not be asked again elsewhere), and CloudFront cannot fail over on 429.
 */
export const API_FAILOVER_STATUS_CODES = [500, 502, 503, 504] as const;

/**
 * How long CloudFront gives a region's API domain before the origin group asks the other one.
 * CloudFront's defaults are 3 connection attempts of 10 s and a 30 s response timeout: 30 s
 * before a dead primary fails over
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DownloadDistValuesOrigin.html#origin-connection-attempts).
 * One attempt and 1 s to connect (CloudFront's minimums) cost a dead region's viewers 1 s. The
 * response timeout stays above the API's slowest honest answer (a cold start with the AWS SDK,
 * about 1–1.5 s); a slow region's reads are also hedged by the client (`HEDGE_READ_AFTER_MS`).
 */
export const API_ORIGIN_TIMEOUTS = { connectionAttempts: 1, connectionTimeoutSeconds: 1, responseTimeoutSeconds: 3 } as const;

/**
 * A read that has had no answer this long is also sent to the secondary's pinned path, and the
 * first answer wins ("hedged requests", Dean & Barroso, "The Tail at Scale", CACM 2013). Warm API
 * answers take tens of milliseconds, so a hedge is rare when all is well; with a region answering
 * seconds late it bounds the added play-start time to about this much.
 */
export const HEDGE_READ_AFTER_MS = 500;

/**
 * The order a client tries for a request that failed on its default path: the other region
 * first (the default path's failure most likely came from the primary, where Route 53 points
 * until it flips), then the primary pinned (the secondary may be the sick one).
 */
export const FALLBACK_ROLES: readonly RegionRole[] = ['secondary', 'primary'];
