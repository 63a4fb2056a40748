import { compileRelease, programAvailability, type Availability, type ProgramRelease } from '@stride/contract/entitlement';
import { launchClockFor, type PreviewClaims } from '@stride/contract/preview';
import type { ManifestPattern, ManifestRedirect, ManifestRoute, RouteAccess, RouteManifest } from '../config/route-manifest';
import type { Device } from './device';

interface CompiledPattern {
  /** A literal (lowercase) segment, or null for a `:param` segment. */
  readonly segments: readonly (string | null)[];
  readonly entry: ManifestPattern;
}

interface CompiledProgram {
  readonly release: ProgramRelease;
  readonly comingSoonObject: string;
  readonly tvComingSoonObject: string | undefined;
}

/** The manifest indexed once per container, not once per request. */
export interface RouteTable {
  readonly routes: ReadonlyMap<string, ManifestRoute>;
  readonly patterns: readonly CompiledPattern[];
  readonly programs: ReadonlyMap<string, CompiledProgram>;
  readonly redirects: ReadonlyMap<string, ManifestRedirect>;
  /** Page data object → its program's page path. */
  readonly programData: ReadonlyMap<string, string>;
  readonly manifest: RouteManifest;
}

export function compileRoutes(manifest: RouteManifest): RouteTable {
  return {
    manifest,
    routes: new Map(manifest.routes.map((r) => [r.path, r])),
    patterns: manifest.patterns.map((entry) => ({
      entry,
      segments: entry.pattern
        .split('/')
        .slice(1)
        .map((s) => (s.startsWith(':') ? null : s)),
    })),
    programs: new Map(
      manifest.programs.map((p) => [
        p.path,
        {
          release: compileRelease(p.launchAt, p.countries),
          comingSoonObject: p.comingSoonObject,
          tvComingSoonObject: p.tvComingSoonObject,
        },
      ]),
    ),
    redirects: new Map(manifest.redirects.map((r) => [r.from, r])),
    programData: new Map(manifest.programs.flatMap((p) => (p.dataObject ? [[p.dataObject, p.path] as const] : []))),
  };
}

export type Match =
  | { readonly kind: 'route'; readonly canonical: string; readonly route: ManifestRoute }
  | { readonly kind: 'pattern'; readonly canonical: string; readonly pattern: ManifestPattern }
  | { readonly kind: 'redirect'; readonly redirect: ManifestRedirect }
  | { readonly kind: 'none' };

/**
 * Finds what a normalized path names, ignoring a trailing slash and the case of literal
 * segments; `canonical` is the one form the page is served at (a `:param` keeps its case).
 */
export function matchPath(path: string, table: RouteTable): Match {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  const lower = trimmed.toLowerCase();
  const route = table.routes.get(lower);
  if (route) return { kind: 'route', canonical: route.path, route };
  const redirect = table.redirects.get(lower);
  if (redirect) return { kind: 'redirect', redirect };
  for (const { segments, entry } of table.patterns) {
    const canonical = canonicalForPattern(trimmed, segments);
    if (canonical !== undefined) return { kind: 'pattern', canonical, pattern: entry };
  }
  return { kind: 'none' };
}

/**
 * `path` in the pattern's canonical form if it fits its segments (literals compared lowercase,
 * a parameter non-empty and kept as written), else undefined. Walks the path in place and, when
 * the literals are already in their case (nearly always), answers with `path` itself: this runs
 * on every request for a per-user page, so it builds no array of segments and no new string.
 */
function canonicalForPattern(path: string, segments: readonly (string | null)[]): string | undefined {
  let exact = true;
  let start = 1;
  for (const literal of segments) {
    if (start > path.length) return undefined;
    let end = path.indexOf('/', start);
    if (end === -1) end = path.length;
    if (literal === null) {
      if (end === start) return undefined;
    } else if (!(end - start === literal.length && path.startsWith(literal, start))) {
      if (path.slice(start, end).toLowerCase() !== literal) return undefined;
      exact = false;
    }
    start = end + 1;
  }
  // Every segment of the path used, none left over.
  if (start <= path.length) return undefined;
  return exact ? path : withCanonicalLiterals(path, segments);
}

/** A case variant (answered with a 301 to this): the literals in their own case, parameters as written. */
function withCanonicalLiterals(path: string, segments: readonly (string | null)[]): string {
  const got = path.split('/').slice(1);
  return `/${segments.map((literal, i) => literal ?? got[i] ?? '').join('/')}`;
}

export const accessOf = (match: Match): RouteAccess =>
  match.kind === 'route' ? match.route.access : match.kind === 'pattern' ? match.pattern.access : 'public';

export interface Viewer {
  readonly device: Device;
  /** `cloudfront-viewer-country`, uppercase, or undefined when CloudFront did not send it. */
  readonly country: string | undefined;
  readonly nowMs: number;
  /** A verified preview (@stride/contract/preview): its program's launch is judged at its instant. */
  readonly preview?: PreviewClaims | undefined;
}

/**
 * The object that answers a matched page for this viewer: the 451 page outside a program's
 * licensed countries (an unknown country counts as outside: licensing fails closed), its
 * coming-soon variant before `launchAt`, and the TV variant where the build emitted one.
 */
export function objectFor(match: Extract<Match, { kind: 'route' | 'pattern' }>, viewer: Viewer, table: RouteTable): string {
  const tv = viewer.device === 'tv';
  if (match.kind === 'pattern') return (tv && match.pattern.tvObject) || match.pattern.object;
  const program = table.programs.get(match.route.path);
  if (program) {
    const availability = programAvailability(
      program.release,
      viewer.country,
      launchClockFor(match.route.path, viewer.nowMs, viewer.preview),
    );
    if (availability === 'unlicensed') return unavailableObject(viewer.device, table);
    if (availability === 'upcoming') return (tv && program.tvComingSoonObject) || program.comingSoonObject;
  }
  return (tv && match.route.tvObject) || match.route.object;
}

/**
 * Whether a program's content may be shown to this viewer now (the entitlement rule's
 * availability: licence, then launch). Page data obeys the same rule as the page, or client-side
 * navigation would leak it.
 */
export function programRelease(programPath: string, viewer: Viewer, table: RouteTable): Availability {
  const program = table.programs.get(programPath);
  return program
    ? programAvailability(program.release, viewer.country, launchClockFor(programPath, viewer.nowMs, viewer.preview))
    : 'released';
}

export const notFoundObject = (device: Device, table: RouteTable): string =>
  (device === 'tv' && table.manifest.tvNotFound) || table.manifest.notFound;
export const unavailableObject = (device: Device, table: RouteTable): string =>
  (device === 'tv' && table.manifest.tvUnavailable) || table.manifest.unavailable;

/** Paths the bucket answers as they are: built assets, page data, files with an extension. */
export function isFilePath(path: string): boolean {
  if (path.startsWith('/assets/') || path.startsWith('/data/')) return true;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return last.includes('.');
}
