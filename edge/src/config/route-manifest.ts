/**
 * The contract between the web build (which writes `web/dist/route-manifest.json`) and the edge
 * build (which bakes it into the viewer-request and origin-response bundles). Version 2.
 *
 * Object keys start with "/" and name files in the site bucket. Paths are canonical: lowercase
 * literal segments, no trailing slash except "/".
 */

/** `session`: the edge answers only viewers with a valid `stride_session` cookie. */
export type RouteAccess = 'public' | 'session';

export interface ManifestRoute {
  /** The canonical pretty URL, e.g. `/programs/hiit-30`. */
  readonly path: string;
  /** The object key that answers it, e.g. `/programs/hiit-30/index.html`. */
  readonly object: string;
  /** The TV (10-foot UI) variant, once the web build emits one; absent means "use `object`". */
  readonly tvObject?: string;
  readonly access: RouteAccess;
}

export interface ManifestPattern {
  /** Literal segments and `:name` segments that match exactly one path segment, e.g. `/watch/:id`. */
  readonly pattern: string;
  /** The one prerendered shell every match is served with (the page reads its params in the browser). */
  readonly object: string;
  readonly tvObject?: string;
  readonly access: RouteAccess;
}

/** Launch and licensing rules of one program page. */
export interface ManifestProgram {
  /** The program page's canonical path (also a `routes` entry). */
  readonly path: string;
  /** ISO 8601 instant; before it the page is served as `comingSoonObject`. */
  readonly launchAt: string;
  readonly comingSoonObject: string;
  readonly tvComingSoonObject?: string;
  /** ISO 3166-1 alpha-2 codes the program is licensed in; absent means everywhere. */
  readonly countries?: readonly string[];
  /** The program's page data (client-side navigation), held back under the same launch and licence rules. */
  readonly dataObject?: string;
}

export interface ManifestRedirect {
  /** Canonical path the viewer asks for, e.g. `/go/hiit`. */
  readonly from: string;
  /** A same-site canonical page path; the viewer's query string is kept. */
  readonly to: string;
  readonly status: 301 | 302;
}

export interface RouteManifest {
  readonly version: 2;
  readonly routes: readonly ManifestRoute[];
  readonly patterns: readonly ManifestPattern[];
  readonly programs: readonly ManifestProgram[];
  readonly redirects: readonly ManifestRedirect[];
  /** The prerendered "page not found" object, served with status 404. */
  readonly notFound: string;
  readonly tvNotFound?: string;
  /** The prerendered "not available in your country" object, served with status 451. */
  readonly unavailable: string;
  readonly tvUnavailable?: string;
}

export const MANIFEST_VERSION = 2;

type Fail = (what: string) => never;

const isObjectKey = (v: unknown): v is string =>
  typeof v === 'string' && /^\/[A-Za-z0-9._~\-/]*$/.test(v) && !v.includes('//') && !/(^|\/)\.\.?(\/|$)/.test(v);
const isCanonicalPath = (v: unknown): v is string =>
  typeof v === 'string' && (v === '/' || /^(\/[a-z0-9._~-]+)+$/.test(v)) && !/(^|\/)\.\.?(\/|$)/.test(v);

function checkKey(fail: Fail, value: unknown, where: string, optional = false): void {
  if (optional && value === undefined) return;
  if (!isObjectKey(value))
    fail(`${where}: expected an object key starting with "/" (letters, digits, . _ ~ - /), got ${JSON.stringify(value)}`);
}

function checkAccess(fail: Fail, value: unknown, where: string): void {
  if (value !== 'public' && value !== 'session') fail(`${where}: expected "public" or "session", got ${JSON.stringify(value)}`);
}

function arrayAt(fail: Fail, manifest: Record<string, unknown>, field: string): Record<string, unknown>[] {
  const value = manifest[field];
  if (!Array.isArray(value)) fail(`${field}: expected an array`);
  return (value as unknown[]).map((entry, i) => {
    if (typeof entry !== 'object' || entry === null) fail(`${field}.${i}: expected an object`);
    return entry as Record<string, unknown>;
  });
}

/** Throws a message naming the first problem: the edge build must not bake in a broken manifest. */
export function assertRouteManifest(value: unknown, source: string): asserts value is RouteManifest {
  const fail: Fail = (what) => {
    throw new Error(`${source}: ${what}`);
  };
  if (typeof value !== 'object' || value === null) fail('not a JSON object');
  const manifest = value as Record<string, unknown>;
  if (manifest.version !== MANIFEST_VERSION)
    fail(`version: expected ${MANIFEST_VERSION}, got ${JSON.stringify(manifest.version)} (rebuild the web app)`);
  checkKey(fail, manifest.notFound, 'notFound');
  checkKey(fail, manifest.tvNotFound, 'tvNotFound', true);
  checkKey(fail, manifest.unavailable, 'unavailable');
  checkKey(fail, manifest.tvUnavailable, 'tvUnavailable', true);

  const paths = new Set<string>();
  arrayAt(fail, manifest, 'routes').forEach((route, i) => {
    if (!isCanonicalPath(route.path))
      fail(`routes.${i}.path: expected a canonical path (lowercase, no trailing slash), got ${JSON.stringify(route.path)}`);
    if (paths.has(route.path as string)) fail(`routes.${i}.path: ${JSON.stringify(route.path)} is listed twice`);
    paths.add(route.path as string);
    checkKey(fail, route.object, `routes.${i}.object`);
    checkKey(fail, route.tvObject, `routes.${i}.tvObject`, true);
    checkAccess(fail, route.access, `routes.${i}.access`);
  });
  arrayAt(fail, manifest, 'patterns').forEach((entry, i) => {
    const pattern = entry.pattern;
    if (typeof pattern !== 'string' || !/^(\/([a-z0-9._~-]+|:[A-Za-z][A-Za-z0-9]*))+$/.test(pattern))
      fail(`patterns.${i}.pattern: expected segments like "/watch/:id", got ${JSON.stringify(pattern)}`);
    checkKey(fail, entry.object, `patterns.${i}.object`);
    checkKey(fail, entry.tvObject, `patterns.${i}.tvObject`, true);
    checkAccess(fail, entry.access, `patterns.${i}.access`);
  });
  arrayAt(fail, manifest, 'programs').forEach((program, i) => {
    if (!isCanonicalPath(program.path) || !paths.has(program.path))
      fail(`programs.${i}.path: expected the path of a listed route, got ${JSON.stringify(program.path)}`);
    if (typeof program.launchAt !== 'string' || Number.isNaN(Date.parse(program.launchAt)))
      fail(`programs.${i}.launchAt: expected an ISO 8601 instant, got ${JSON.stringify(program.launchAt)}`);
    checkKey(fail, program.comingSoonObject, `programs.${i}.comingSoonObject`);
    checkKey(fail, program.tvComingSoonObject, `programs.${i}.tvComingSoonObject`, true);
    checkKey(fail, program.dataObject, `programs.${i}.dataObject`, true);
    const countries = program.countries;
    if (
      countries !== undefined &&
      (!Array.isArray(countries) || countries.length === 0 || !countries.every((c) => typeof c === 'string' && /^[A-Z]{2}$/.test(c)))
    ) {
      fail(`programs.${i}.countries: expected a non-empty array of ISO 3166-1 alpha-2 codes, got ${JSON.stringify(countries)}`);
    }
  });
  arrayAt(fail, manifest, 'redirects').forEach((redirect, i) => {
    if (!isCanonicalPath(redirect.from)) fail(`redirects.${i}.from: expected a canonical path, got ${JSON.stringify(redirect.from)}`);
    if (!isCanonicalPath(redirect.to) || !paths.has(redirect.to))
      fail(`redirects.${i}.to: expected the path of a listed route, got ${JSON.stringify(redirect.to)}`);
    if (paths.has(redirect.from as string))
      fail(`redirects.${i}.from: ${JSON.stringify(redirect.from)} is also a page; a redirect would hide it`);
    if (redirect.status !== 301 && redirect.status !== 302)
      fail(`redirects.${i}.status: expected 301 or 302, got ${JSON.stringify(redirect.status)}`);
  });
}
