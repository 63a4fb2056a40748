/**
 * The contract between the web build (which writes `web/dist/route-manifest.json`) and the edge
 * build (which bakes it into the viewer-request bundle).
 */
export interface RouteManifestEntry {
  /** The canonical pretty URL, e.g. `/programs/hiit-30`. */
  readonly path: string;
  /** The object key in the site bucket that answers it, with a leading slash. */
  readonly object: string;
}

export interface RouteManifest {
  readonly version: 1;
  readonly routes: readonly RouteManifestEntry[];
  /** The prerendered "page not found" object. */
  readonly notFound: string;
}

/** Throws a message naming the first problem: the edge build must not bake in a broken manifest. */
export function assertRouteManifest(value: unknown, source: string): asserts value is RouteManifest {
  const fail = (what: string): never => {
    throw new Error(`${source}: ${what}`);
  };
  if (typeof value !== 'object' || value === null) fail('not a JSON object');
  const manifest = value as Record<string, unknown>;
  if (manifest.version !== 1) fail(`version: expected 1, got ${JSON.stringify(manifest.version)}`);
  if (typeof manifest.notFound !== 'string' || !manifest.notFound.startsWith('/')) fail('notFound: expected an object key starting with "/"');
  if (!Array.isArray(manifest.routes)) fail('routes: expected an array');
  (manifest.routes as unknown[]).forEach((entry, i) => {
    const route = entry as Record<string, unknown> | null;
    if (typeof route?.path !== 'string' || !route.path.startsWith('/')) fail(`routes.${i}.path: expected a path starting with "/"`);
    if (typeof route?.object !== 'string' || !route.object.startsWith('/')) fail(`routes.${i}.object: expected an object key starting with "/"`);
  });
}
