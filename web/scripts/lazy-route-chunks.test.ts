import { describe, expect, it } from 'vitest';
import { lazyRouteChunkFiles, staticChunkFiles } from './lazy-route-chunks';

describe('lazy route chunks', () => {
  const manifest = {
    'src/app/routes/watch.tsx': { file: 'assets/watch-1.js', imports: ['_player.js', '_store.js'] },
    '_player.js': { file: 'assets/player-2.js', imports: ['_store.js'] },
    '_store.js': { file: 'assets/store-3.js' },
    'src/app/api-features.ts': { file: 'assets/api-5.js', imports: ['_store.js'] },
    'node_modules/hls.js/dist/hls.mjs': { file: 'assets/hls-4.js' },
  };

  it('follows static imports only, each chunk once', () => {
    expect(staticChunkFiles(manifest, 'src/app/routes/watch.tsx')).toEqual([
      'assets/watch-1.js',
      'assets/player-2.js',
      'assets/store-3.js',
    ]);
  });

  it("lists a page's lazy route chunks once each, none for a page without a lazy route", () => {
    expect(lazyRouteChunkFiles(manifest, 'watch')).toEqual([
      'assets/watch-1.js',
      'assets/player-2.js',
      'assets/store-3.js',
      'assets/api-5.js',
    ]);
    expect(lazyRouteChunkFiles(manifest, 'programs')).toEqual([]);
  });

  it('names the manifest key that is missing (the route table moved)', () => {
    expect(() => lazyRouteChunkFiles(manifest, 'login')).toThrow(/no src\/app\/routes\/login\.tsx: update LAZY_ROUTE_MODULES/);
  });
});
