/**
 * The lazy routes (src/app/route-table.tsx) by the page that is prerendered with them, as Vite
 * manifest keys. Their code is not in those pages' initial JavaScript: entry-client starts
 * loading it beside hydration and the route's part of the page hydrates when it arrives
 * (src/app/lazy-route.tsx). /watch also starts its play's requests then
 * (src/app/watch-early-start.ts). The bench reports these chunks per page type beside the initial
 * JavaScript.
 */
export const LAZY_ROUTE_MODULES: Readonly<Record<string, readonly string[]>> = {
  // The route's chunks include the player's early start (its grant, resume point, hls.js).
  watch: ['src/app/routes/watch.tsx', 'src/app/api-features.ts'],
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

/** The chunks a page's lazy route loads beside hydration (none for a page without one). */
export function lazyRouteChunkFiles(manifest: ClientManifest, folder: string): string[] {
  const keys = LAZY_ROUTE_MODULES[folder] ?? [];
  const missingKey = keys.find((key) => manifest[key] === undefined);
  if (missingKey) throw new Error(`client manifest has no ${missingKey}: update LAZY_ROUTE_MODULES in scripts/lazy-route-chunks.ts`);
  return [...new Set(keys.flatMap((key) => staticChunkFiles(manifest, key)))];
}
