import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIRST_PAINT_STYLE_SHA256 } from '@stride/contract/first-paint-style';
import { SIGNED_IN_FIRST_PAINT_SCRIPT } from '@stride/contract/signed-in-first-paint';
import { appStylesheet, assertTemplate, fillTemplate, STYLESHEET_FILE } from './html-template';

const template =
  '<head><!--app-head--><title><!--app-title--></title><link rel="stylesheet" crossorigin href="/assets/index-C.css"></head>' +
  '<div id="root"><!--app-html--></div><!--app-state-->';

// As Vite writes the built index.html: the entry script and its modulepreloads, then the stylesheet.
const built = [
  '<head>',
  '    <!--app-head-->',
  '    <title><!--app-title--></title>',
  '    <script type="module" crossorigin src="/assets/index-A.js"></script>',
  '    <link rel="modulepreload" crossorigin href="/assets/store-B.js">',
  '    <link rel="stylesheet" crossorigin href="/assets/index-C.css">',
  '  </head>',
  '<div id="root"><!--app-html--></div><!--app-state-->',
].join('\n');
const head = (page: string) => page.slice(0, page.indexOf('</head>'));

describe('fillTemplate', () => {
  it('escapes the title and inserts markup and state verbatim', () => {
    const page = fillTemplate(
      template,
      { title: 'Tom & "Jerry" <3', html: '<p>$& $1</p>', stateScript: '<script type="application/json">{}</script>' },
      'p{color:red}',
    );
    expect(page).toBe(
      `<head><script>${SIGNED_IN_FIRST_PAINT_SCRIPT}</script>\n    <style>p{color:red}</style><title>Tom &amp; &quot;Jerry&quot; &lt;3</title></head>` +
        '<div id="root"><p>$& $1</p></div><script type="application/json">{}</script>',
    );
  });

  it("inlines the app's stylesheet, byte for byte, in place of Vite's link, before the app code", () => {
    const page = fillTemplate(built, { title: 'T', html: '<p>x</p>', stateScript: '' });
    const style = `<style>${appStylesheet()}</style>`;
    expect(page.split(style)).toHaveLength(2);
    expect(page).not.toContain('rel="stylesheet"');
    expect(page.indexOf(style)).toBeGreaterThan(page.indexOf(SIGNED_IN_FIRST_PAINT_SCRIPT));
    expect(page.indexOf(style)).toBeLessThan(page.indexOf('<script type="module"'));
    expect(page.indexOf(style)).toBeLessThan(page.indexOf('rel="modulepreload"'));
  });

  it("moves React's preloads for the page's eager images from the markup into the head, ahead of the app code", () => {
    const preload = '<link rel="preload" as="image" href="/posters/hiit-30.svg" fetchPriority="high"/>';
    const img = '<img class="poster" src="/posters/hiit-30.svg" fetchPriority="high"/>';
    const page = fillTemplate(built, { title: 'T', html: `${preload}<main>${img}</main>`, stateScript: '' }, 'p{}');
    expect(page.split(preload)).toHaveLength(2);
    expect(head(page)).toContain(preload);
    expect(page.indexOf(preload)).toBeGreaterThan(page.indexOf(SIGNED_IN_FIRST_PAINT_SCRIPT));
    expect(page.indexOf(preload)).toBeLessThan(page.indexOf('<style>'));
    expect(page.indexOf(preload)).toBeLessThan(page.indexOf('<script type="module"'));
    expect(page).toContain(`<div id="root"><main>${img}</main></div>`);
  });

  it('leaves a preload that is not at the start of the markup where it is', () => {
    const html = '<main><link rel="preload" as="image" href="/a.svg"/></main>';
    const page = fillTemplate(built, { title: 'T', html, stateScript: '' }, 'p{}');
    expect(head(page)).not.toContain('/a.svg');
    expect(page).toContain(`<div id="root">${html}</div>`);
  });
});

describe('the inline stylesheet and the CSP', () => {
  it('is allowed by its hash (the CSP names @stride/contract/first-paint-style): update that hash when styles.css changes', () => {
    const sha256 = createHash('sha256').update(readFileSync(STYLESHEET_FILE, 'utf8'), 'utf8').digest('base64');
    expect(sha256, `web/src/app/styles.css changed: set FIRST_PAINT_STYLE_SHA256 in contract/src/first-paint-style.ts to '${sha256}'`).toBe(
      FIRST_PAINT_STYLE_SHA256,
    );
    // What the browser hashes is the <style>'s text, which must not end early.
    expect(appStylesheet()).not.toMatch(/<\/style/i);
  });

  it('styles.css is the only stylesheet the app imports (any other would not be inlined)', () => {
    const src = path.join(import.meta.dirname, '..', 'src');
    const imports = (readdirSync(src, { recursive: true, encoding: 'utf8' }) as string[])
      .filter((file) => /\.(ts|tsx)$/.test(file))
      .flatMap((file) =>
        [...readFileSync(path.join(src, file), 'utf8').matchAll(/^import\s+['"]([^'"]+\.css)['"]/gm)].map((m) => `${file}: ${m[1]}`),
      );
    expect(imports).toEqual(['entry-client.tsx: ./app/styles.css']);
  });
});

describe('assertTemplate', () => {
  it('names a missing placeholder', () => {
    expect(() => assertTemplate('<!--app-head--><title></title>', 'index.html')).toThrow(
      'index.html: the HTML template lost its <!--app-title--> placeholder',
    );
    expect(() => assertTemplate(template, 'index.html')).not.toThrow();
  });

  it('wants exactly one stylesheet link, the one the pages inline', () => {
    const none = template.replace(/<link rel="stylesheet"[^>]*>/, '');
    expect(() => assertTemplate(none, 'index.html')).toThrow('index.html: links 0 stylesheets');
    const two = template.replace('</head>', '<link rel="stylesheet" href="/assets/x.css"></head>');
    expect(() => assertTemplate(two, 'index.html')).toThrow('links 2 stylesheets');
  });
});
