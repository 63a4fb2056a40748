import { describe, expect, it } from 'vitest';
import { CACHE_CONTROL, cacheControlFor, objectKind } from './caching';

describe('what is cached how long', () => {
  it('classifies by key or viewer path alike (publish has keys, the edge has paths)', () => {
    for (const [key, kind] of [
      ['assets/index-B1c2D3e4.js', 'hashed-asset'],
      ['/assets/index-B1c2D3e4.js', 'hashed-asset'],
      ['assets/index-B1c2D3e4.js.map', 'hashed-asset'],
      ['assets/logo.svg', 'other'],
      ['index.html', 'page'],
      ['/tv/programs/hiit-30/index.html', 'page'],
      ['data/programs/hiit-30.json', 'page-data'],
      ['/data/home.json', 'page-data'],
      ['favicon.svg', 'other'],
    ] as const) {
      expect(objectKind(key), key).toBe(kind);
    }
    expect(objectKind('/programs/hiit-30', 'text/html; charset=utf-8')).toBe('page');
  });

  it('gives errors and redirects seconds, a 304 its kind, hashed assets a year', () => {
    expect(cacheControlFor('/index.html', 404)).toBe(CACHE_CONTROL.error);
    expect(cacheControlFor('/index.html', 302)).toBe(CACHE_CONTROL.error);
    expect(cacheControlFor('/index.html', 304)).toBe(CACHE_CONTROL.page);
    expect(cacheControlFor('/assets/a-B1c2D3e4.js', 200)).toBe('public, max-age=31536000, immutable');
    for (const kind of ['page', 'page-data', 'other', 'error'] as const) expect(CACHE_CONTROL[kind]).not.toMatch(/immutable/);
  });
});
