import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { escapeHtml } from './html-template';
import { staticChunkFiles, type ClientManifest } from './lazy-route-chunks';

/** The /watch pages' boot script, as a client-manifest key (vite.config.ts names it an input). */
export const WATCH_BOOT_MODULE = 'src/watch-boot.ts';

/** The /watch shell objects, web and TV. */
export const WATCH_PAGES = ['watch/index.html', 'tv/watch/index.html'] as const;

/**
 * Puts the boot script in a /watch page first among its scripts, before the app's entry, with its
 * own chunks' modulepreloads right after it (moved up if the page named them already). Module
 * scripts run in document order, and the browser asks for a page's chunks in that order over a
 * few connections: the boot's graph loads in the first round and its requests start while the
 * app's chunks still load. External and same-origin, so the CSP's script-src 'self' allows it.
 */
export function withWatchBoot(html: string, manifest: ClientManifest): string {
  const [boot, ...imports] = staticChunkFiles(manifest, WATCH_BOOT_MODULE);
  if (!boot) throw new Error(`client manifest has no ${WATCH_BOOT_MODULE}: is it still an input in vite.config.ts?`);
  if (html.includes(`src="/${boot}"`)) return html;
  const preloadOf = (file: string) => `<link rel="modulepreload" crossorigin href="/${escapeHtml(file)}">`;
  const moved = new Set(imports.map(preloadOf));
  const page = html
    .split('\n')
    .filter((line) => !moved.has(line.trim()))
    .map(lowPriority)
    .join('\n');
  const entry = /\n?[ \t]*<script type="module"[^>]*\bsrc="\/assets\/[^"]+"[^>]*><\/script>/.exec(page);
  if (!entry) throw new Error("page has no module script (the app's entry) to put the watch boot script before");
  const tags = [`<script type="module" crossorigin src="/${escapeHtml(boot)}"></script>`, ...imports.map(preloadOf)];
  return page.slice(0, entry.index) + tags.map((tag) => `\n    ${tag}`).join('') + page.slice(entry.index);
}

/**
 * The app's own scripts and modulepreloads on a /watch page: asked at low priority, so the play's
 * requests (the grant, hls.js's chunk, the playlists and segments), asked later at the default
 * high priority, go first on the browser's few connections instead of queueing behind them. The
 * app still hydrates as soon as they are in.
 */
function lowPriority(line: string): string {
  if (line.includes('fetchpriority=')) return line;
  return line.replace(/<(script type="module"|link rel="modulepreload") /g, '<$1 fetchpriority="low" ');
}

/** Adds the boot script to the built /watch pages that exist; returns how many it changed. */
export async function addWatchBoot(clientDir: string, manifest: ClientManifest): Promise<number> {
  let pages = 0;
  for (const objectKey of WATCH_PAGES) {
    const file = path.join(clientDir, objectKey);
    const html = await readFile(file, 'utf8').catch(() => undefined);
    if (html === undefined) continue;
    await writeFile(file, withWatchBoot(html, manifest));
    pages += 1;
  }
  return pages;
}
