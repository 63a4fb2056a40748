import { describe, expect, it } from 'vitest';
import { withWatchBoot } from './watch-boot-tag';

const manifest = {
  'src/watch-boot.ts': { file: 'assets/watch-boot-1.js', imports: ['_region-fallback.js', '_outbox.js'] },
  '_region-fallback.js': { file: 'assets/region-fallback-2.js' },
  '_outbox.js': { file: 'assets/outbox-3.js', imports: ['_region-fallback.js'] },
};

const page = [
  '<head>',
  '    <title>Player · Stride</title>',
  '    <script type="module" crossorigin src="/assets/index-0.js"></script>',
  '    <link rel="modulepreload" crossorigin href="/assets/store-4.js">',
  '    <link rel="modulepreload" crossorigin href="/assets/outbox-3.js">',
  '  </head><body></body>',
].join('\n');

describe('withWatchBoot', () => {
  it("makes the boot the page's one script: the app's entry and preloads become its attributes, the boot's chunks follow it", () => {
    const out = withWatchBoot(page, manifest);
    expect(out.split('\n').map((l) => l.trim())).toEqual([
      '<head>',
      '<title>Player · Stride</title>',
      '<script type="module" crossorigin src="/assets/watch-boot-1.js" data-app-entry="/assets/index-0.js" data-app-preloads="/assets/store-4.js"></script>',
      '<link rel="modulepreload" crossorigin href="/assets/region-fallback-2.js">',
      '<link rel="modulepreload" crossorigin href="/assets/outbox-3.js">',
      '</head><body></body>',
    ]);
    expect(withWatchBoot(out, manifest)).toBe(out);
  });

  it('names what is missing: the boot in the manifest, the entry in the page', () => {
    expect(() => withWatchBoot(page, {})).toThrow(/src\/watch-boot\.ts/);
    expect(() => withWatchBoot('<head></head>', manifest)).toThrow(/module script/);
  });
});
