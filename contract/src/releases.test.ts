import { describe, expect, it } from 'vitest';
import {
  assertLivePointer,
  assertReleaseManifest,
  changedObjects,
  INVALIDATION_LIMITS,
  invalidationBatches,
  isReleaseId,
  newReleaseId,
  releaseManifestKey,
  siteUriOf,
  storedKey,
  storedUri,
  type ReleaseManifest,
} from './releases';

const md5 = (c: string) => c.repeat(32);
const manifest = (objects: ReleaseManifest['objects'], id = 'r-20261205-120000-aaaa'): ReleaseManifest => ({
  format: 1,
  id,
  createdAt: '2026-12-05T12:00:00.000Z',
  routing: {},
  catalog: [],
  objects,
});

describe('release ids', () => {
  it('sort by creation time and fit an object key', () => {
    const a = newReleaseId(new Date('2026-12-05T09:08:07Z'), 'ab12');
    const b = newReleaseId(new Date('2026-12-05T10:00:00Z'), '0000');
    expect(a).toBe('r-20261205-090807-ab12');
    expect(a < b).toBe(true);
    expect(isReleaseId(a)).toBe(true);
    expect(releaseManifestKey(a)).toBe('releases/r-20261205-090807-ab12/release.json');
  });

  it('refuses a suffix that would not fit', () => {
    expect(() => newReleaseId(new Date(), 'AB/1')).toThrow(/suffix/);
    expect(isReleaseId('r-1-2-x')).toBe(false);
  });
});

describe('stored keys', () => {
  it('keep hashed assets under their own name and everything else under the release that uploaded it', () => {
    expect(storedKey('assets/app-AbCd1234.js', { release: 'r-20261205-120000-aaaa' })).toBe('assets/app-AbCd1234.js');
    expect(storedKey('/programs/x/index.html', { release: 'r-20261205-120000-aaaa' })).toBe(
      'releases/r-20261205-120000-aaaa/programs/x/index.html',
    );
  });

  it('map a viewer URI through the manifest, and nothing for an object the release lacks', () => {
    const m = manifest({ 'data/programs/x.json': { md5: md5('a'), size: 1, release: 'r-20261201-000000-bbbb' } });
    expect(storedUri('/data/programs/x.json', m)).toBe('/releases/r-20261201-000000-bbbb/data/programs/x.json');
    expect(storedUri('/data/programs/y.json', m)).toBeUndefined();
  });
});

describe('assertReleaseManifest', () => {
  it('accepts a well-formed manifest', () => {
    expect(() =>
      assertReleaseManifest(manifest({ 'a.html': { md5: md5('a'), size: 3, release: 'r-20261205-120000-aaaa' } }), 'm'),
    ).not.toThrow();
  });

  it.each([
    [{ ...manifest({}), format: 2 }, /format/],
    [{ ...manifest({}), id: 'latest' }, /id/],
    [{ ...manifest({}), createdAt: 'soon' }, /createdAt/],
    [{ ...manifest({}), routing: null }, /routing/],
    [manifest({ '../x': { md5: md5('a'), size: 1, release: 'r-20261205-120000-aaaa' } }), /not an object key/],
    [manifest({ 'a.html': { md5: 'x', size: 1, release: 'r-20261205-120000-aaaa' } }), /md5/],
    [manifest({ 'a.html': { md5: md5('a'), size: 1, release: 'then' } }), /release/],
  ])('names the broken field (%#)', (value, message) => {
    expect(() => assertReleaseManifest(value, 'release.json')).toThrow(message);
  });

  it('checks the pointer too', () => {
    expect(() =>
      assertLivePointer({ format: 1, release: 'r-20261205-120000-aaaa', flippedAt: '2026-12-05T12:00:00Z', reason: 'publish' }, 'p'),
    ).not.toThrow();
    expect(() => assertLivePointer({ format: 1, release: 'nope', flippedAt: 'x', reason: 'publish' }, 'p')).toThrow(/release/);
  });
});

describe('changedObjects', () => {
  it('lists changed, added and removed keys by their bytes', () => {
    const r = 'r-20261205-120000-aaaa';
    const before = manifest({ 'a.html': { md5: md5('a'), size: 1, release: r }, 'b.html': { md5: md5('b'), size: 1, release: r } });
    const after = manifest({ 'a.html': { md5: md5('c'), size: 1, release: r }, 'c.html': { md5: md5('d'), size: 1, release: r } });
    expect(changedObjects(before, after)).toEqual({ changed: ['a.html'], added: ['c.html'], removed: ['b.html'] });
    expect(changedObjects(undefined, after).added).toEqual(['a.html', 'c.html']);
  });
});

describe('invalidationBatches', () => {
  it('keeps each batch within CloudFront limits on paths and wildcards in progress', () => {
    const paths = Array.from({ length: 7001 }, (_, i) => `/p/${i}`);
    const batches = invalidationBatches(paths);
    expect(batches.map((b) => b.length)).toEqual([3000, 3000, 1001]);
    const wild = invalidationBatches(Array.from({ length: 31 }, (_, i) => `/w/${i}/*`));
    expect(wild.map((b) => b.length)).toEqual([INVALIDATION_LIMITS.wildcards, INVALIDATION_LIMITS.wildcards, 1]);
    expect(invalidationBatches(['/a', '/a'])).toEqual([['/a']]);
    expect(invalidationBatches([])).toEqual([]);
  });
});

describe('siteUriOf', () => {
  it('names the site object a release copy holds', () => {
    expect(siteUriOf('/releases/r-20261205-120000-ab12/data/p.json')).toBe('/data/p.json');
    expect(siteUriOf('/assets/app-Abc12345.js')).toBe('/assets/app-Abc12345.js');
  });
});
