import { describe, expect, it } from 'vitest';
import { progressReadPath, regionPinnedPath, regionPinnedPathPattern, unpinApiPath } from './region-routing';

describe('region-pinned API paths', () => {
  it('pins an API path to a role and back, query kept', () => {
    expect(regionPinnedPath('secondary', '/api/progress/w1')).toBe('/api/region/secondary/progress/w1');
    expect(regionPinnedPath('primary', '/api/progress?workout=w1')).toBe('/api/region/primary/progress?workout=w1');
    expect(unpinApiPath('/api/region/secondary/progress/w1')).toEqual({ path: '/api/progress/w1', role: 'secondary' });
    expect(unpinApiPath('/api/region/primary/progress?program=p')).toEqual({ path: '/api/progress?program=p', role: 'primary' });
  });

  it('re-pins a pinned path instead of nesting it', () => {
    expect(regionPinnedPath('primary', '/api/region/secondary/views')).toBe('/api/region/primary/views');
  });

  it('leaves other paths alone: unknown roles, look-alike prefixes, pages', () => {
    for (const path of [
      '/api/region/tertiary/views',
      '/api/regionx/primary/views',
      '/api/region/primaryx/views',
      '/watch/w1',
      '/api/views',
    ])
      expect(unpinApiPath(path)).toEqual({ path });
  });

  it('refuses to pin what is not an API path', () => {
    expect(() => regionPinnedPath('primary', '/watch/w1')).toThrow(/not an API path/);
    expect(() => regionPinnedPath('primary', '/apix/views')).toThrow(/not an API path/);
  });

  it('matches the behavior pattern CloudFront routes by', () => {
    expect(regionPinnedPathPattern('secondary')).toBe('/api/region/secondary/*');
    expect(regionPinnedPath('secondary', '/api/me').startsWith(regionPinnedPathPattern('secondary').slice(0, -1))).toBe(true);
  });

  it('encodes the workout of a progress read', () => {
    expect(progressReadPath('w 1/2')).toBe('/api/progress?workout=w%201%2F2');
  });
});
