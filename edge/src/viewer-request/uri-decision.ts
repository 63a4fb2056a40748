import { needsSession } from '@stride/contract/entitlement';
import { encodePath, normalizeUri } from './normalize-uri';
import { pagePathOfObject } from '@stride/contract/urls';
import { accessOf, isFilePath, matchPath, type Match, type RouteTable } from './route-table';

export type PageMatch = Extract<Match, { kind: 'route' | 'pattern' }>;

/**
 * What the URI alone decides, before the query, cookies, device, country or clock are read: the
 * same for every viewer. Each later step of the request adds only what depends on those.
 */
export type UriDecision =
  /** Malformed or traversing (400), or too long (414). */
  | { readonly kind: 'reject'; readonly status: 400 | 414; readonly reason: string }
  /** `/api` and `/media`: their origin answers, auth included (a player cannot follow a login redirect). */
  | { readonly kind: 'origin'; readonly uri: string }
  /** A vanity path; the viewer's query string is added to `to`. */
  | { readonly kind: 'vanity'; readonly to: string; readonly status: 301 | 302 }
  /** A page asked for in another form (slash, case, encoding, object key): one 301 to `uri`. */
  | { readonly kind: 'canonical'; readonly uri: string }
  /** A page at its canonical URI. */
  | { readonly kind: 'page'; readonly match: PageMatch; readonly uri: string; readonly needsSession: boolean }
  /** No page: page data, a file the bucket answers as it is, or the 404 page. */
  | {
      readonly kind: 'unrouted';
      readonly uri: string;
      readonly needsSession: boolean;
      /** The page path of the program whose page data this is. */
      readonly programOfData: string | undefined;
      /** A built asset, page data or file with an extension, passed to the bucket as asked. */
      readonly servedAsFile: boolean;
    };

/** Paths another origin answers itself: an HLS player or `fetch` cannot follow a login redirect. */
const isOriginPath = (lowerPath: string): boolean =>
  lowerPath === '/api' || lowerPath.startsWith('/api/') || lowerPath.startsWith('/media/');

/**
 * The URI's rules in order: normalize, vanity redirects, canonical form, whether a session is
 * needed. The prefix policy protects even paths no route names, so a missing page leaks nothing.
 */
export function classifyUri(rawUri: string, table: RouteTable): UriDecision {
  const normalized = normalizeUri(rawUri);
  if (!normalized.ok) return { kind: 'reject', status: normalized.status, reason: normalized.reason };
  const path = normalized.path;
  const lower = path.toLowerCase();
  if (isOriginPath(lower)) return { kind: 'origin', uri: encodePath(path) };
  // Release objects (manifests, the pointer, each release's copies) are reached only through the
  // routing, which applies launch and licence rules; asked for by name, they do not exist.
  if (lower === '/releases' || lower.startsWith('/releases/'))
    return { kind: 'unrouted', uri: encodePath(path), needsSession: false, programOfData: undefined, servedAsFile: false };

  // `/x/index.html` is the page `/x`: one canonical URL, and no way around its rules.
  const objectPage = pagePathOfObject(path);
  const match = matchPath(objectPage ?? path, table);
  if (match.kind === 'redirect') return { kind: 'vanity', to: match.redirect.to, status: match.redirect.status };
  const sessionNeeded = needsSession(path) || accessOf(match) === 'session';
  if (match.kind === 'none') {
    return {
      kind: 'unrouted',
      uri: encodePath(path),
      needsSession: sessionNeeded,
      programOfData: table.programData.get(lower),
      servedAsFile: isFilePath(path) && objectPage === undefined && !lower.endsWith('.html'),
    };
  }
  const canonicalUri = encodePath(match.canonical);
  if (canonicalUri !== rawUri) return { kind: 'canonical', uri: canonicalUri };
  return { kind: 'page', match, uri: canonicalUri, needsSession: sessionNeeded };
}
