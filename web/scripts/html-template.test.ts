import { describe, expect, it } from 'vitest';
import { SIGNED_IN_FIRST_PAINT_SCRIPT } from '@stride/contract/signed-in-first-paint';
import { assertTemplate, fillTemplate } from './html-template';

const template = '<head><!--app-head--><title><!--app-title--></title></head><div id="root"><!--app-html--></div><!--app-state-->';

describe('fillTemplate', () => {
  it('escapes the title and inserts markup and state verbatim', () => {
    const page = fillTemplate(template, {
      title: 'Tom & "Jerry" <3',
      html: '<p>$& $1</p>',
      stateScript: '<script type="application/json">{}</script>',
    });
    expect(page).toBe(
      `<head><script>${SIGNED_IN_FIRST_PAINT_SCRIPT}</script><title>Tom &amp; &quot;Jerry&quot; &lt;3</title></head>` +
        '<div id="root"><p>$& $1</p></div><script type="application/json">{}</script>',
    );
  });

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

  it('asks for the stylesheet before the app code, and only once', () => {
    const page = fillTemplate(built, { title: 'T', html: '<p>x</p>', stateScript: '' });
    const css = '<link rel="stylesheet" crossorigin href="/assets/index-C.css">';
    expect(page.split(css)).toHaveLength(2);
    expect(page.indexOf(css)).toBeGreaterThan(page.indexOf(SIGNED_IN_FIRST_PAINT_SCRIPT));
    expect(page.indexOf(css)).toBeLessThan(page.indexOf('<script type="module"'));
    expect(page.indexOf(css)).toBeLessThan(page.indexOf('rel="modulepreload"'));
  });

  it("moves React's preloads for the page's eager images from the markup into the head, ahead of the app code", () => {
    const preload = '<link rel="preload" as="image" href="/posters/hiit-30.svg" fetchPriority="high"/>';
    const img = '<img class="poster" src="/posters/hiit-30.svg" fetchPriority="high"/>';
    const page = fillTemplate(built, { title: 'T', html: `${preload}<main>${img}</main>`, stateScript: '' });
    expect(page.split(preload)).toHaveLength(2);
    expect(head(page)).toContain(preload);
    expect(page.indexOf(preload)).toBeGreaterThan(page.indexOf('rel="stylesheet"'));
    expect(page.indexOf(preload)).toBeLessThan(page.indexOf('<script type="module"'));
    expect(page).toContain(`<div id="root"><main>${img}</main></div>`);
  });

  it('leaves a preload that is not at the start of the markup where it is', () => {
    const html = '<main><link rel="preload" as="image" href="/a.svg"/></main>';
    const page = fillTemplate(built, { title: 'T', html, stateScript: '' });
    expect(head(page)).not.toContain('/a.svg');
    expect(page).toContain(`<div id="root">${html}</div>`);
  });

  it('names a missing placeholder', () => {
    expect(() => assertTemplate('<!--app-head--><title></title>', 'index.html')).toThrow(
      'index.html: the HTML template lost its <!--app-title--> placeholder',
    );
    expect(() => assertTemplate(template, 'index.html')).not.toThrow();
  });
});
