import { describe, expect, it } from 'vitest';
import { DISTRIBUTION } from '../../../distribution/distribution-description';
import { cacheKey, errorTtl, freshness } from './cache-policy';
import { behaviorFor, type CachePolicy } from './distribution-config';

const policy: CachePolicy = {
  name: 'test',
  minTtl: 0,
  defaultTtl: 86_400,
  maxTtl: 31_536_000,
  headers: [],
  cookies: [],
  queryStrings: 'none',
};
const NOW = Date.UTC(2026, 10, 22);

describe('freshness (TTL from the origin, clamped by the policy)', () => {
  it.each([
    ['max-age=60', 60],
    ['public, s-maxage=100, max-age=5', 100],
    ['max-age=999999999', 31_536_000],
    ['no-store', 0],
    ['no-cache', 0],
    ['private, max-age=60', 0],
    [undefined, 86_400],
    ['max-age=abc', 86_400],
  ])('%s → %i s', (cacheControl, ttl) => {
    expect(freshness(cacheControl, undefined, policy, NOW).ttl).toBe(ttl);
  });

  it('raises to MinTTL, even for no-store, when MinTTL > 0', () => {
    const min = { ...policy, minTtl: 30 };
    expect(freshness('max-age=5', undefined, min, NOW).ttl).toBe(30);
    expect(freshness('no-store', undefined, min, NOW).ttl).toBe(30);
  });

  it('uses Expires without max-age, and reads stale-while-revalidate', () => {
    expect(freshness(undefined, new Date(NOW + 120_000).toUTCString(), policy, NOW).ttl).toBe(120);
    expect(freshness('max-age=10, stale-while-revalidate=30', undefined, policy, NOW)).toEqual({ ttl: 10, staleWhileRevalidate: 30 });
  });
});

describe('errorTtl (ErrorCachingMinTTL rules)', () => {
  it('takes the larger of the header and ErrorCachingMinTTL', () => {
    expect(errorTtl(404, undefined, undefined, 10, policy, NOW)).toBe(10);
    expect(errorTtl(404, 'max-age=5', undefined, 10, policy, NOW)).toBe(10);
    expect(errorTtl(503, 's-maxage=30', undefined, 10, policy, NOW)).toBe(30);
  });

  it('honors no-store only for 404, 410, 414 and 501', () => {
    expect(errorTtl(404, 'no-store', undefined, 10, policy, NOW)).toBe(0);
    expect(errorTtl(501, 'no-cache', undefined, 10, policy, NOW)).toBe(0);
    expect(errorTtl(503, 'no-store', undefined, 10, policy, NOW)).toBe(10);
  });
});

describe('cache key', () => {
  const headers = (cookie?: string): Record<string, { value: string }[]> => (cookie ? { cookie: [{ value: cookie }] } : {});
  it('ignores cookies, query strings and headers the policy does not list', () => {
    const a = cacheKey(policy, { host: 'h', uri: '/a', querystring: 'x=1', headers: headers('s=1') });
    expect(cacheKey(policy, { host: 'h', uri: '/a', querystring: '', headers: {} })).toBe(a);
    expect(cacheKey(policy, { host: 'h', uri: '/b', querystring: '', headers: {} })).not.toBe(a);
  });

  it('includes the listed cookies and query strings, order-independent', () => {
    const p: CachePolicy = { ...policy, cookies: ['lang'], queryStrings: ['v', 'w'] };
    const k = (qs: string, cookie: string) => cacheKey(p, { host: 'h', uri: '/a', querystring: qs, headers: headers(cookie) });
    expect(k('v=1&w=2', 'lang=en; other=1')).toBe(k('w=2&v=1&z=9', 'other=2; lang=en'));
    expect(k('v=1', 'lang=en')).not.toBe(k('v=2', 'lang=en'));
    expect(k('v=1', 'lang=en')).not.toBe(k('v=1', 'lang=fr'));
  });
});

describe('behaviors', () => {
  it.each([
    ['/api/ping', 'api'],
    ['/api', 'site'],
    ['/media/w-1/master.m3u8', 'media'],
    ['/programs/hiit-30', 'site'],
    ['/API/ping', 'site'],
  ])('%s → %s', (path, origin) => {
    expect(behaviorFor(path, DISTRIBUTION.behaviors).origin).toBe(origin);
  });
});
