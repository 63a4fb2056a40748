import { needsSession } from '@stride/contract/entitlement';
import {
  assertRouteManifest,
  type ManifestPattern,
  type ManifestProgram,
  type ManifestRedirect,
  type ManifestRoute,
  type RouteManifest,
} from './route-manifest';

/** What a prerendered object is for; the web build's page list says this for each page it writes. */
export type PageRole = 'page' | 'coming-soon' | 'not-found' | 'unavailable';

export interface ManifestPageInput {
  /** Bucket key without the leading slash, as the prerender writes it. */
  readonly objectKey: string;
  /** The canonical path (`/programs/hiit-30`) or pattern (`/watch/:id`) it answers; unused for status pages. */
  readonly route: string;
  readonly role: PageRole;
  readonly device: 'web' | 'tv';
}

export interface ManifestProgramInput {
  readonly path: string;
  readonly launchAt: string;
  readonly countries?: readonly string[] | undefined;
  /** Bucket key of the program's page data, without the leading slash. */
  readonly dataObjectKey?: string;
}

export interface ManifestRedirectInput {
  readonly from: string;
  readonly to: string;
  readonly status?: 301 | 302;
}

export interface ManifestInput {
  readonly pages: readonly ManifestPageInput[];
  readonly programs: readonly ManifestProgramInput[];
  readonly redirects: readonly ManifestRedirectInput[];
}

const key = (objectKey: string): string => `/${objectKey.replace(/^\/+/, '')}`;

/**
 * The route manifest from the web build's page list, catalog rules and redirects. Pure: the
 * prerender calls it and writes the result; it throws a message naming the first problem.
 */
export function buildRouteManifest(input: ManifestInput, source = 'route manifest'): RouteManifest {
  // Indexed once: looked up per page and per program, a scan of the page list each time is
  // quadratic (minutes at 10,000 programs, 40,000 pages).
  const groups = new Map<string, ManifestPageInput[]>();
  for (const page of input.pages) {
    const group = `${page.role} ${page.device}`;
    const list = groups.get(group);
    if (list) list.push(page);
    else groups.set(group, [page]);
  }
  const byRole = (role: PageRole, device: 'web' | 'tv') => groups.get(`${role} ${device}`) ?? [];
  const firstByRoute = new Map<string, ManifestPageInput>();
  for (const page of input.pages) {
    const at = `${page.role} ${page.device} ${page.route}`;
    if (!firstByRoute.has(at)) firstByRoute.set(at, page);
  }
  const single = (role: PageRole, device: 'web' | 'tv'): string | undefined => {
    const found = byRole(role, device);
    if (found.length > 1)
      throw new Error(`${source}: more than one ${device} "${role}" page (${found.map((p) => p.objectKey).join(', ')})`);
    return found[0] ? key(found[0].objectKey) : undefined;
  };
  const tvFor = (role: PageRole, route: string): string | undefined => {
    const tv = firstByRoute.get(`${role} tv ${route}`);
    return tv ? key(tv.objectKey) : undefined;
  };
  const withTv = <T extends object>(entry: T, tvObject: string | undefined): T => (tvObject ? { ...entry, tvObject } : entry);

  const routes: ManifestRoute[] = [];
  const patterns: ManifestPattern[] = [];
  for (const page of byRole('page', 'web')) {
    const access = needsSession(page.route) ? 'session' : 'public';
    const tvObject = tvFor('page', page.route);
    if (page.route.includes('/:')) patterns.push(withTv({ pattern: page.route, object: key(page.objectKey), access }, tvObject));
    else routes.push(withTv({ path: page.route, object: key(page.objectKey), access }, tvObject));
  }

  const programs: ManifestProgram[] = input.programs.map((program) => {
    const comingSoon = firstByRoute.get(`coming-soon web ${program.path}`);
    if (!comingSoon) throw new Error(`${source}: program ${program.path} has no "coming-soon" page`);
    const tvComingSoon = tvFor('coming-soon', program.path);
    return {
      path: program.path,
      launchAt: program.launchAt,
      comingSoonObject: key(comingSoon.objectKey),
      ...(tvComingSoon ? { tvComingSoonObject: tvComingSoon } : {}),
      ...(program.countries ? { countries: [...program.countries] } : {}),
      ...(program.dataObjectKey ? { dataObject: key(program.dataObjectKey) } : {}),
    };
  });

  const redirects: ManifestRedirect[] = input.redirects.map((r) => ({ from: r.from, to: r.to, status: r.status ?? 302 }));

  const notFound = single('not-found', 'web');
  const unavailable = single('unavailable', 'web');
  if (!notFound) throw new Error(`${source}: the page list has no "not-found" page`);
  if (!unavailable) throw new Error(`${source}: the page list has no "unavailable" (451) page`);
  const tvNotFound = single('not-found', 'tv');
  const tvUnavailable = single('unavailable', 'tv');

  const manifest: RouteManifest = {
    version: 2,
    routes,
    patterns,
    programs,
    redirects,
    notFound,
    ...(tvNotFound ? { tvNotFound } : {}),
    unavailable,
    ...(tvUnavailable ? { tvUnavailable } : {}),
  };
  assertRouteManifest(manifest, source);
  return manifest;
}

/** The status each status-page object is served with (origin-response sets it). */
export function statusObjects(manifest: RouteManifest): Record<string, number> {
  const out: Record<string, number> = { [manifest.notFound]: 404, [manifest.unavailable]: 451 };
  if (manifest.tvNotFound) out[manifest.tvNotFound] = 404;
  if (manifest.tvUnavailable) out[manifest.tvUnavailable] = 451;
  return out;
}
