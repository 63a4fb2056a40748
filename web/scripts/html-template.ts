const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);

const PLACEHOLDERS = ['<!--app-title-->', '<!--app-html-->', '<!--app-state-->'] as const;

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
  return template
    .replace('<!--app-title-->', () => escapeHtml(parts.title))
    .replace('<!--app-html-->', () => parts.html)
    .replace('<!--app-state-->', () => parts.stateScript);
}
