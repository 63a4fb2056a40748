import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { withModulePreloads } from './html-template';

/**
 * The lazy routes (src/app/route-table.tsx) by their page's folder, as Vite manifest keys: what
 * entry-client resolves before hydrating those pages. /watch also starts its play's requests
 * (src/app/watch-early-start.ts → the player's early-start module).
 */
export const LAZY_ROUTE_MODULES: Readonly<Record<string, readonly string[]>> = {
  watch: ['src/app/routes/watch.tsx', 'src/app/api-features.ts', 'src/features/player/early-start.ts'],
  login: ['src/app/routes/login.tsx', 'src/app/api-features.ts'],
  account: ['src/app/routes/account.tsx', 'src/app/api-features.ts'],
  join: ['src/app/routes/join.tsx', 'src/app/api-features.ts'],
  activate: ['src/app/routes/activate.tsx', 'src/app/api-features.ts'],
};

interface ManifestChunk {
  readonly file: string;
  readonly imports?: readonly string[];
}
export type ClientManifest = Readonly<Record<string, ManifestChunk>>;

/**
 * Chunks a module pulls in statically (not its own dynamic imports), itself included: what
 * loads before it can run.
 */
export function staticChunkFiles(manifest: ClientManifest, key: string): string[] {
  const seen = new Set<string>();
  const walk = (k: string) => {
    if (seen.has(k)) return;
    seen.add(k);
    for (const i of manifest[k]?.imports ?? []) walk(i);
  };
  walk(key);
  return [...seen].flatMap((k) => (manifest[k] ? [manifest[k].file] : []));
}

/** Adds each lazy route's chunks as modulepreloads to its prerendered pages, web and TV. */
export async function addLazyRoutePreloads(clientDir: string, manifest: ClientManifest): Promise<number> {
  let pages = 0;
  for (const [folder, keys] of Object.entries(LAZY_ROUTE_MODULES)) {
    const missingKey = keys.find((key) => manifest[key] === undefined);
    if (missingKey) throw new Error(`client manifest has no ${missingKey}: update LAZY_ROUTE_MODULES in scripts/lazy-route-preloads.ts`);
    const files = keys.flatMap((key) => staticChunkFiles(manifest, key));
    for (const objectKey of [`${folder}/index.html`, `tv/${folder}/index.html`]) {
      const file = path.join(clientDir, objectKey);
      let html: string;
      try {
        html = await readFile(file, 'utf8');
      } catch {
        continue; // no TV variant of this page
      }
      await writeFile(file, withModulePreloads(html, files));
      pages += 1;
    }
  }
  return pages;
}
