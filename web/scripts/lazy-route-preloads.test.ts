import { describe, expect, it } from 'vitest';
import { withModulePreloads } from './html-template';
import { staticChunkFiles } from './lazy-route-preloads';

describe('lazy route modulepreloads', () => {
  const manifest = {
    'src/app/routes/watch.tsx': { file: 'assets/watch-1.js', imports: ['_player.js', '_store.js'] },
    '_player.js': { file: 'assets/player-2.js', imports: ['_store.js'] },
    '_store.js': { file: 'assets/store-3.js' },
    'node_modules/hls.js/dist/hls.mjs': { file: 'assets/hls-4.js' },
  };

  it('follows static imports only, each chunk once', () => {
    expect(staticChunkFiles(manifest, 'src/app/routes/watch.tsx')).toEqual([
      'assets/watch-1.js',
      'assets/player-2.js',
      'assets/store-3.js',
    ]);
  });

  it('adds modulepreloads for the files the page does not name yet, before </head>', () => {
    const html =
      '<head>\n    <script type="module" crossorigin src="/assets/index-0.js"></script>\n    <link rel="modulepreload" crossorigin href="/assets/store-3.js">\n  </head><body></body>';
    const out = withModulePreloads(html, ['assets/watch-1.js', 'assets/player-2.js', 'assets/store-3.js']);
    expect(out.match(/modulepreload/g)).toHaveLength(3);
    expect(out).toContain(
      '<link rel="modulepreload" crossorigin href="/assets/watch-1.js">\n    <link rel="modulepreload" crossorigin href="/assets/player-2.js">\n  </head>',
    );
    expect(withModulePreloads(out, ['assets/watch-1.js'])).toBe(out);
    expect(() => withModulePreloads('<p>', ['assets/x.js'])).toThrow(/<\/head>/);
  });
});
