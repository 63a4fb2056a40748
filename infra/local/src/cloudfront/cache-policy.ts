import type { CachePolicy } from './distribution-config';

export interface Freshness {
  /** Seconds the object may be served from the cache; 0 = do not cache. */
  readonly ttl: number;
  /** Seconds after expiry it may still be served while CloudFront refreshes it. */
  readonly staleWhileRevalidate: number;
}

function directives(cacheControl: string | undefined): Map<string, string | true> {
  const out = new Map<string, string | true>();
  for (const part of (cacheControl ?? '').split(',')) {
    const [name, value] = part.trim().split('=', 2);
    if (name) out.set(name.toLowerCase(), value === undefined ? true : value.replace(/^"|"$/g, ''));
  }
  return out;
}

const seconds = (value: string | true | undefined): number | undefined => {
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return undefined;
  return Number(value);
};

/**
 * How long CloudFront keeps a response, from the origin's headers clamped by the policy:
 * s-maxage beats max-age; either is clamped to [minTtl, maxTtl]; no-store/no-cache/private
 * mean "don't cache" unless minTtl > 0 (then minTtl); with no directive, Expires, else defaultTtl.
 */
export function freshness(cacheControl: string | undefined, expires: string | undefined, policy: CachePolicy, now: number): Freshness {
  const d = directives(cacheControl);
  const swr = seconds(d.get('stale-while-revalidate')) ?? 0;
  if (d.has('no-store') || d.has('no-cache') || d.has('private')) return { ttl: policy.minTtl, staleWhileRevalidate: 0 };
  const maxAge = seconds(d.get('s-maxage')) ?? seconds(d.get('max-age'));
  if (maxAge !== undefined) return { ttl: Math.min(policy.maxTtl, Math.max(policy.minTtl, maxAge)), staleWhileRevalidate: swr };
  if (expires) {
    const at = Date.parse(expires);
    const ttl = Number.isNaN(at) ? 0 : Math.max(0, Math.floor((at - now) / 1000));
    return { ttl: Math.min(policy.maxTtl, Math.max(policy.minTtl, ttl)), staleWhileRevalidate: swr };
  }
  return { ttl: policy.defaultTtl, staleWhileRevalidate: swr };
}

export interface CacheKeyParts {
  readonly host: string;
  readonly uri: string;
  readonly querystring: string;
  readonly headers: Readonly<Record<string, readonly { value: string }[]>>;
}

/** The cache key per the policy: only the allowed query strings, headers and cookies go in. */
export function cacheKey(policy: CachePolicy, parts: CacheKeyParts): string {
  const query = new URLSearchParams(parts.querystring);
  const keptQuery =
    policy.queryStrings === 'none'
      ? []
      : [...query.entries()]
          .filter(([k]) => policy.queryStrings === 'all' || (policy.queryStrings as readonly string[]).includes(k))
          .sort(([a], [b]) => a.localeCompare(b));
  const headerPart = policy.headers.map((h) => `${h}=${(parts.headers[h] ?? []).map((e) => e.value).join(',')}`);
  const cookies = new Map<string, string>();
  for (const entry of parts.headers.cookie ?? []) {
    for (const pair of entry.value.split(';')) {
      const eq = pair.indexOf('=');
      if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  const cookieNames = policy.cookies === 'all' ? [...cookies.keys()].sort() : policy.cookies.filter((c) => cookies.has(c));
  const cookiePart = cookieNames.map((c) => `${c}=${cookies.get(c)}`);
  return JSON.stringify([parts.uri, keptQuery, headerPart, cookiePart]);
}

const NO_STORE_HONORED_FOR = new Set([404, 410, 414, 501]);

/**
 * How long CloudFront caches an error (4xx/5xx): the larger of the origin's max-age/s-maxage/
 * Expires (capped by maxTtl) and ErrorCachingMinTTL; `no-store`/`no-cache`/`private` prevent
 * caching only for 404, 410, 414 and 501 and are ignored for other codes.
 */
export function errorTtl(
  status: number,
  cacheControl: string | undefined,
  expires: string | undefined,
  errorCachingMinTtl: number,
  policy: CachePolicy,
  now: number,
): number {
  const d = directives(cacheControl);
  if (d.has('no-store') || d.has('no-cache') || d.has('private')) return NO_STORE_HONORED_FOR.has(status) ? 0 : errorCachingMinTtl;
  let fromHeaders = seconds(d.get('s-maxage')) ?? seconds(d.get('max-age'));
  if (fromHeaders === undefined && expires) {
    const at = Date.parse(expires);
    if (!Number.isNaN(at)) fromHeaders = Math.max(0, Math.floor((at - now) / 1000));
  }
  return Math.max(errorCachingMinTtl, Math.min(policy.maxTtl, fromHeaders ?? 0));
}
