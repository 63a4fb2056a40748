import type { RouteManifest } from '../config/route-manifest';

export interface ViewerRequestConfig {
  readonly manifest: RouteManifest;
}

/** Builds the lookup once per container, not once per request. */
export function indexRoutes(manifest: RouteManifest): ReadonlyMap<string, string> {
  return new Map(manifest.routes.map((r) => [r.path, r.object]));
}

/**
 * Maps a pretty URL to the object that answers it (`/programs/hiit-30` →
 * `/programs/hiit-30/index.html`). Anything that is not a known page passes through unchanged,
 * so hashed assets and page data reach the bucket as requested.
 */
export function routeUri(uri: string, routes: ReadonlyMap<string, string>): string {
  const exact = routes.get(uri);
  if (exact) return exact;
  if (uri.length > 1 && uri.endsWith('/')) return routes.get(uri.slice(0, -1)) ?? uri;
  return uri;
}
