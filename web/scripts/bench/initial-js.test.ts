import { describe, expect, it } from 'vitest';
import { lazyRouteFiles, scriptRefs } from './initial-js';

describe('scriptRefs', () => {
  it('lists module scripts and modulepreloads, not data blocks or stylesheets', () => {
    const html = `<head><script type="module" crossorigin src="/assets/index-1.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/vendor-2.js">
      <link rel="stylesheet" href="/assets/index.css"><link rel=icon href=/favicon.svg></head>
      <body><script type="application/json" id="stride-state">{"a":1}</script><script>inline()</script></body>`;
    expect(scriptRefs(html)).toEqual([
      { kind: 'script', src: '/assets/index-1.js' },
      { kind: 'modulepreload', src: '/assets/vendor-2.js' },
    ]);
  });
});

describe('lazyRouteFiles', () => {
  it('follows static imports of a lazy chunk, not its dynamic imports', () => {
    const manifest = {
      'src/app/routes/watch.tsx': { file: 'assets/watch.js', imports: ['_api.js'], dynamicImports: ['hls'] },
      '_api.js': { file: 'assets/api.js', imports: ['_vendor.js'] },
      '_vendor.js': { file: 'assets/vendor.js' },
      hls: { file: 'assets/hls.js' },
    };
    expect(lazyRouteFiles(manifest, 'src/app/routes/watch.tsx')).toEqual(['assets/watch.js', 'assets/api.js', 'assets/vendor.js']);
  });
});
