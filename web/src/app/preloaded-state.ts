import type { PreloadedState } from './store';

export const STATE_ELEMENT_ID = 'stride-state';

// Characters that could end the <script> element or confuse an HTML/JS parser. In JSON they
// can only occur inside strings, where a \uXXXX escape means the same thing.
const UNSAFE = /[<>&\u2028\u2029]/g;
const escapeChar = (ch: string): string => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * The state as a JSON data block. A data block (not an inline script) is never executed, so a
 * strict CSP without 'unsafe-inline' still lets the page hydrate, and no content string can
 * break out of it.
 */
export function serializeStateScript(state: PreloadedState): string {
  const json = JSON.stringify(state).replace(UNSAFE, escapeChar);
  return `<script type="application/json" id="${STATE_ELEMENT_ID}">${json}</script>`;
}

/** Reads the state the prerender embedded; a page without one starts empty. */
export function readPreloadedState(doc: Document): PreloadedState | undefined {
  const text = doc.getElementById(STATE_ELEMENT_ID)?.textContent;
  if (!text) return undefined;
  return JSON.parse(text) as PreloadedState;
}
