import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { escapeHtml } from './html-template';
import { staticChunkFiles, type ClientManifest } from './lazy-route-chunks';
import { APP_ENTRY_ATTRIBUTE, APP_PRELOADS_ATTRIBUTE } from '../src/watch-boot-app';

/** The /watch pages' boot script, as a client-manifest key (vite.config.ts names it an input). */
export const WATCH_BOOT_MODULE = 'src/watch-boot.ts';

/** The /watch shell objects, web and TV. */
export const WATCH_PAGES = ['watch/index.html', 'tv/watch/index.html'] as const;

/**
 * Makes the boot script a /watch page's only script, the app's entry and its modulepreloads
 * becoming attributes of the boot's tag: the boot starts the app once the play's first frame is
 * up (or it gave up, or after a cap). Over a few connections and one main thread, the play's
 * requests (its chunks, the grant, hls.js, the playlists, the first segment) and hls.js's work
 * then go first instead of queueing behind ~300 KB of the app's JavaScript being fetched and
 * evaluated (issue 17: time to first frame). The boot's own chunks follow its tag as
 * modulepreloads. External and same-origin, so the CSP's script-src 'self' allows all of it.
 */
export function withWatchBoot(html: string, manifest: ClientManifest): string {
  const [boot, ...imports] = staticChunkFiles(manifest, WATCH_BOOT_MODULE);
  if (!boot) throw new Error(`client manifest has no ${WATCH_BOOT_MODULE}: is it still an input in vite.config.ts?`);
  if (html.includes(`src="/${boot}"`)) return html;
  const entry = /\n?[ \t]*<script type="module"[^>]*\bsrc="(\/assets\/[^"]+)"[^>]*><\/script>/.exec(html);
  if (!entry?.[1]) throw new Error("page has no module script (the app's entry) for the watch boot script to start");
  const bootChunks = new Set(imports.map((file) => `/${file}`));
  const appPreloads: string[] = [];
  const PRELOAD = /^[ \t]*<link rel="modulepreload"[^>]*\bhref="([^"]+)"[^>]*>$/;
  const kept = html
    .slice(0, entry.index)
    .concat(html.slice(entry.index + entry[0].length))
    .split('\n')
    .filter((line) => {
      const href = PRELOAD.exec(line)?.[1];
      if (href === undefined) return true;
      if (!bootChunks.has(href)) appPreloads.push(href);
      return false;
    })
    .join('\n');
  const bootTag =
    `<script type="module" crossorigin src="/${escapeHtml(boot)}" ${APP_ENTRY_ATTRIBUTE}="${escapeHtml(entry[1])}"` +
    ` ${APP_PRELOADS_ATTRIBUTE}="${escapeHtml(appPreloads.join(' '))}"></script>`;
  const tags = [bootTag, ...imports.map((file) => `<link rel="modulepreload" crossorigin href="/${escapeHtml(file)}">`)];
  return kept.slice(0, entry.index) + tags.map((tag) => `\n    ${tag}`).join('') + kept.slice(entry.index);
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
