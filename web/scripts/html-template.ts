import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SIGNED_IN_FIRST_PAINT_SCRIPT } from '@stride/contract/signed-in-first-paint';

/**
 * The app's one stylesheet, inlined in every page (the CSP allows it by the hash in
 * @stride/contract/first-paint-style, checked against this file by html-template.test.ts).
 */
export const STYLESHEET_FILE = path.join(import.meta.dirname, '..', 'src', 'app', 'styles.css');
let stylesheet: string | undefined;
/** web/src/app/styles.css, byte for byte, read once. */
export const appStylesheet = (): string => (stylesheet ??= readFileSync(STYLESHEET_FILE, 'utf8'));

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);

/** The stylesheet links Vite writes into the template (after the entry script and its modulepreloads). */
const STYLESHEET_LINK = /[ \t]*<link rel="stylesheet"[^>]*>\n?/g;
/** The resource hints React's server renderer puts before the markup (a preload per eager <img>). */
const LEADING_PRELOADS = /^(?:<link rel="preload"[^>]*\/?>)+/;

const PLACEHOLDERS = ['<!--app-head-->', '<!--app-title-->', '<!--app-html-->', '<!--app-state-->'] as const;

/**
 * Checks once that the built index.html still has every slot the prerender fills, and one
 * stylesheet (styles.css, which the pages inline in its place).
 */
export function assertTemplate(template: string, source: string): void {
  for (const slot of PLACEHOLDERS) {
    if (!template.includes(slot)) throw new Error(`${source}: the HTML template lost its ${slot} placeholder`);
  }
  const links = template.match(STYLESHEET_LINK)?.length ?? 0;
  if (links !== 1)
    throw new Error(
      `${source}: links ${links} stylesheets; the pages inline web/src/app/styles.css in place of exactly one: put every style in that file`,
    );
}

export interface PageParts {
  readonly title: string;
  readonly html: string;
  readonly stateScript: string;
}

/**
 * What the first paint needs, at the top of the head, before the app's JavaScript (which the
 * prerendered page does not need to be seen). Under a mobile profile (issue 17: fast 3G, ~0.6 s
 * a round trip) a linked stylesheet costs a round trip of its own before anything paints, and a
 * browser speaking HTTP/1.1 gives its six connections out in request order within a priority, so
 * a poster named after a dozen modulepreloads waits for them.
 *   1. the signed-in first-paint script (inline, allowed by its hash);
 *   2. React's preloads for the page's eager images (its largest-contentful-paint poster, marked
 *      fetchpriority="high"), moved from the start of the markup into the head: the browser asks
 *      for the poster with the first bytes of the page, not after the stylesheet's ~14 KB;
 *   3. the app's stylesheet, inline (allowed by its hash), in place of Vite's <link>.
 */
export function fillTemplate(template: string, parts: PageParts, css: string = appStylesheet()): string {
  const preloads = LEADING_PRELOADS.exec(parts.html)?.[0] ?? '';
  const head = [`<script>${SIGNED_IN_FIRST_PAINT_SCRIPT}</script>`, preloads, `<style>${css}</style>`].filter(Boolean).join('\n    ');
  // Function replacers: a `$&` in page content must not be read as a replacement pattern.
  return template
    .replace(STYLESHEET_LINK, '')
    .replace('<!--app-head-->', () => head)
    .replace('<!--app-title-->', () => escapeHtml(parts.title))
    .replace('<!--app-html-->', () => parts.html.slice(preloads.length))
    .replace('<!--app-state-->', () => parts.stateScript);
}

/**
 * Adds a `<link rel="modulepreload">` for each file the page does not name yet, before
 * `</head>`: chunks a page needs before it can hydrate (its lazy route's) then load beside the
 * entry instead of after it has run.
 */
export function withModulePreloads(html: string, files: readonly string[]): string {
  const missing = [...new Set(files)].filter((file) => !html.includes(`"/${file}"`));
  if (missing.length === 0) return html;
  if (!html.includes('</head>')) throw new Error('page has no </head> to add modulepreloads to');
  const links = missing.map((file) => `    <link rel="modulepreload" crossorigin href="/${escapeHtml(file)}">\n`).join('');
  return html.replace('</head>', () => `${links}  </head>`);
}
