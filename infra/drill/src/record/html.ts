import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// What the self-contained reports (drill, rehearsal) and the console's Drills page share.

const require = createRequire(import.meta.url);
const assets = new Map<string, string>();

/** uPlot (a maintained time-series chart library) from node_modules, read once: inlined in reports, served by the console. */
export function uplotAsset(kind: 'js' | 'css'): string {
  const file = kind === 'js' ? 'uplot/dist/uPlot.iife.min.js' : 'uplot/dist/uPlot.min.css';
  let body = assets.get(file);
  if (body === undefined) {
    body = readFileSync(require.resolve(file), 'utf8');
    assets.set(file, body);
  }
  return body;
}

/** Text safe in HTML and XML element content and double-quoted attributes. */
export const escapeMarkup = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JSON safe inside a <script> element. */
export const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');
