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

export function fillTemplate(template: string, parts: PageParts): string {
  // Function replacers: a `$&` in page content must not be read as a replacement pattern.
  return (
    template
      // Before anything is painted: marks a signed-in viewer's page so its CSS reserves the signed-in
      // rows (the CSP allows this one inline script by its hash).
      .replace('<!--app-head-->', () => `<script>${SIGNED_IN_FIRST_PAINT_SCRIPT}</script>`)
      .replace('<!--app-title-->', () => escapeHtml(parts.title))
      .replace('<!--app-html-->', () => parts.html)
      .replace('<!--app-state-->', () => parts.stateScript)
  );
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
