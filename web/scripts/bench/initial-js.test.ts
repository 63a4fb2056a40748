import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INITIAL_JS_BUDGET_GZIP, pageTypesJs, scriptRefs, withinBudget } from './initial-js';

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

describe('pageTypesJs', () => {
  it('judges the JavaScript a page names, and reports its lazy route beside it, not in it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'initial-js-'));
    try {
      const page = (scripts: string) => `<head><script type="module" src="/assets/index.js"></script>${scripts}</head>`;
      await mkdir(path.join(dir, 'assets'));
      await mkdir(path.join(dir, 'login'));
      await writeFile(path.join(dir, 'index.html'), page(''));
      await writeFile(path.join(dir, 'login', 'index.html'), page('<link rel="modulepreload" href="/assets/vendor.js">'));
      await writeFile(path.join(dir, 'assets', 'index.js'), 'a'.repeat(50_000));
      await writeFile(path.join(dir, 'assets', 'vendor.js'), randomBytes(110 * 1024).toString('base64'));
      await writeFile(path.join(dir, 'assets', 'login.js'), 'export const x = 1;');
      const manifest = {
        'src/app/routes/login.tsx': { file: 'assets/login.js', imports: ['_vendor.js'] },
        'src/app/api-features.ts': { file: 'assets/login.js' },
        '_vendor.js': { file: 'assets/vendor.js' },
      };
      const [home, login] = await pageTypesJs(dir, manifest, [
        { name: 'home', objectKey: 'index.html' },
        { name: 'login', objectKey: 'login/index.html' },
      ]);
      expect(home?.files.map((f) => f.file)).toEqual(['assets/index.js']);
      expect(home?.routeBesideHydration).toBeUndefined();
      expect(home && withinBudget(home)).toBe(true);
      // vendor.js is named by the page (initial); only login.js loads beside hydration.
      expect(login?.files.map((f) => f.file)).toEqual(['assets/index.js', 'assets/vendor.js']);
      expect(login?.routeBesideHydration?.files).toEqual(['assets/login.js']);
      expect(login && login.gzipBytes > INITIAL_JS_BUDGET_GZIP).toBe(true);
      expect(login && withinBudget(login)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("counts a /watch page's app, which its boot script starts after the first frame, apart", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'initial-js-watch-'));
    try {
      await mkdir(path.join(dir, 'assets'), { recursive: true });
      await mkdir(path.join(dir, 'watch'), { recursive: true });
      await writeFile(
        path.join(dir, 'watch', 'index.html'),
        '<script type="module" src="/assets/boot.js" data-app-entry="/assets/index.js" data-app-preloads="/assets/vendor.js"></script>',
      );
      await writeFile(path.join(dir, 'assets', 'boot.js'), 'export const boot = 1;');
      await writeFile(path.join(dir, 'assets', 'index.js'), 'a'.repeat(5_000));
      await writeFile(path.join(dir, 'assets', 'vendor.js'), randomBytes(20 * 1024).toString('base64'));
      const manifest = {
        'src/app/routes/watch.tsx': { file: 'assets/watch.js', imports: ['_vendor.js'] },
        'src/app/api-features.ts': { file: 'assets/watch.js' },
        '_vendor.js': { file: 'assets/vendor.js' },
      };
      await writeFile(path.join(dir, 'assets', 'watch.js'), 'export const player = 1;');
      const [watch] = await pageTypesJs(dir, manifest, [{ name: 'watch shell', objectKey: 'watch/index.html' }]);
      expect(watch?.files.map((f) => f.file)).toEqual(['assets/boot.js']);
      expect(watch?.appAfterFirstFrame?.files).toEqual(['assets/index.js', 'assets/vendor.js']);
      expect(watch?.appAfterFirstFrame?.gzipBytes).toBeGreaterThan(20 * 1024);
      // The player route's own chunk still loads beside hydration; the app's chunks are not counted twice.
      expect(watch?.routeBesideHydration?.files).toEqual(['assets/watch.js']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
