import { SIGNED_IN_FIRST_PAINT_SCRIPT } from '@stride/contract/signed-in-first-paint';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);

const PLACEHOLDERS = ['<!--app-head-->', '<!--app-title-->', '<!--app-html-->', '<!--app-state-->'] as const;

/** Checks once that the built index.html still has every slot the prerender fills. */
export function assertTemplate(template: string, source: string): void {
  for (const slot of PLACEHOLDERS) {
    if (!template.includes(slot)) throw new Error(`${source}: the HTML template lost its ${slot} placeholder`);
  }
}

export interface PageParts {
  readonly title: string;
  readonly html: string;
  readonly stateScript: string;
}

/** The stylesheet links Vite writes into the template (after the entry script and its modulepreloads). */
const STYLESHEET_LINK = /[ \t]*<link rel="stylesheet"[^>]*>\n?/g;
/** The resource hints React's server renderer puts before the markup (a preload per eager <img>). */
const LEADING_PRELOADS = /^(?:<link rel="preload"[^>]*\/?>)+/;

/**
 * The page's first requests, in the order the browser should make them: what the first paint
 * waits for comes before the app's JavaScript, which the prerendered page does not need to be
 * seen. Over a slow link (issue 17: LCP under a mobile profile) a browser that speaks HTTP/1.1
 * opens six connections and gives them out in request order within a priority, so a stylesheet
 * or a poster named after a dozen modulepreloads waits for them.
 *   1. the signed-in first-paint script (inline, allowed by its hash);
 *   2. the stylesheets, moved up from the end of the head where Vite writes them;
 *   3. React's preloads for the page's eager images (its largest-contentful-paint poster, marked
 *      fetchpriority="high"), moved from the start of the markup into the head.
 */
export function fillTemplate(template: string, parts: PageParts): string {
  const stylesheets = template.match(STYLESHEET_LINK) ?? [];
  const preloads = LEADING_PRELOADS.exec(parts.html)?.[0] ?? '';
  const head = [`<script>${SIGNED_IN_FIRST_PAINT_SCRIPT}</script>`, ...stylesheets.map((link) => link.trim()), preloads]
    .filter(Boolean)
    .join('\n    ');
  // Function replacers: a `$&` in page content must not be read as a replacement pattern.
  return template
    .replace(STYLESHEET_LINK, '')
    .replace('<!--app-head-->', () => head)
    .replace('<!--app-title-->', () => escapeHtml(parts.title))
    .replace('<!--app-html-->', () => parts.html.slice(preloads.length))
    .replace('<!--app-state-->', () => parts.stateScript);
}
