import type { CloudFrontRequest, CloudFrontRequestEvent, CloudFrontRequestResult } from 'aws-lambda';
import { isProtectedPath } from '../config/protected-paths';
import { headerValue } from '../shared/headers';
import type { ViewerRequestConfig } from './config';
import { cookieValues } from './cookies';
import { DEVICE_COOKIE, detectDevice } from './device';
import { encodePath, normalizeUri, safeQuery } from './normalize-uri';
import { takeDeviceOverride } from './query';
import { badRequest, canonicalRedirect, deviceRedirect, loginRedirect, serviceUnavailable, uriTooLong, vanityRedirect } from './responses';
import { accessOf, compileRoutes, isFilePath, matchPath, notFoundObject, objectFor, pageForObjectPath, programRelease, unavailableObject, type RouteTable, type Viewer } from './route-table';
import { createSessionVerifier, type SessionVerifier } from './session';

export type ViewerRequestHandler = (event: CloudFrontRequestEvent) => Promise<CloudFrontRequestResult>;

export interface HandlerOptions {
  /** The clock (ms since epoch); tests move it across a launch or a token's `exp`. */
  readonly now?: () => number;
  readonly log?: (message: string, error: unknown) => void;
}

/** Paths another origin answers itself: an HLS player or `fetch` cannot follow a login redirect. */
const isOriginPassthrough = (lowerPath: string): boolean => lowerPath === '/api' || lowerPath.startsWith('/api/') || lowerPath.startsWith('/media/');

const withQuery = (path: string, querystring: string): string => (querystring ? `${path}?${safeQuery(querystring)}` : path);

interface Deps {
  readonly table: RouteTable;
  readonly verify: SessionVerifier;
  readonly cookieName: string;
  readonly nowMs: number;
}

/**
 * The rules in order: normalize, vanity redirects, canonical form, auth, device override, routing.
 * Synchronous (the session check needs no I/O): only the Lambda entry point is a promise.
 */
function decide(request: CloudFrontRequest, deps: Deps): CloudFrontRequestResult {
  const rawUri = typeof request.uri === 'string' ? request.uri : '';
  const querystring = typeof request.querystring === 'string' ? request.querystring : '';
  const normalized = normalizeUri(rawUri);
  if (!normalized.ok) return normalized.status === 414 ? uriTooLong(normalized.reason) : badRequest(normalized.reason);
  const path = normalized.path;
  const lower = path.toLowerCase();

  if (isOriginPassthrough(lower)) return { ...request, uri: encodePath(path) };

  // `/x/index.html` is the page `/x`: one canonical URL, and no way around its rules.
  const objectPage = pageForObjectPath(path);
  const match = matchPath(objectPage ?? path, deps.table);
  if (match.kind === 'redirect') return vanityRedirect(withQuery(match.redirect.to, querystring), match.redirect.status);
  if (match.kind !== 'none') {
    const canonicalUri = encodePath(match.canonical);
    if (canonicalUri !== rawUri) return canonicalRedirect(withQuery(canonicalUri, querystring));
  }

  // The prefix policy protects even paths no route names, so a missing page leaks nothing.
  if (isProtectedPath(path) || accessOf(match) === 'session') {
    const session = deps.verify(cookieValues(request.headers, deps.cookieName), deps.nowMs);
    if (!session.valid) return loginRedirect(withQuery(match.kind === 'none' ? encodePath(path) : encodePath(match.canonical), querystring));
  }

  if (match.kind === 'none') {
    const viewer = viewerOf(request, deps.nowMs);
    const dataOf = deps.table.programData.get(lower);
    if (dataOf !== undefined) {
      // Refused page data answers as the page would: 451 outside the licence (the app shows the
      // 451 page on client-side navigation too), 404 before launch (the app knows the date).
      const release = programRelease(dataOf, viewer, deps.table);
      if (release === 'unlicensed') return { ...request, uri: unavailableObject(viewer.device, deps.table) };
      if (release === 'upcoming') return { ...request, uri: notFoundObject(viewer.device, deps.table) };
    }
    if (isFilePath(path) && objectPage === undefined && !lower.endsWith('.html')) return { ...request, uri: encodePath(path) };
    return { ...request, uri: notFoundObject(viewer.device, deps.table) };
  }

  const override = takeDeviceOverride(querystring);
  if (override.device === 'invalid') return badRequest('the device parameter must be "tv" or "web"');
  if (override.device) return deviceRedirect(withQuery(encodePath(match.canonical), override.rest), DEVICE_COOKIE, override.device);

  return { ...request, uri: objectFor(match, viewerOf(request, deps.nowMs), deps.table) };
}

function viewerOf(request: CloudFrontRequest, nowMs: number): Viewer {
  const country = headerValue(request.headers, 'cloudfront-viewer-country')?.trim().toUpperCase();
  return { device: detectDevice(request.headers), country, nowMs };
}

/** The Lambda@Edge adapter: unwraps the CloudFront event, applies the rules, never throws. */
export function createViewerRequestHandler(config: ViewerRequestConfig, options: HandlerOptions = {}): ViewerRequestHandler {
  const table = compileRoutes(config.manifest);
  const verify = createSessionVerifier(config.session);
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message, error) => console.error(message, error));
  return async (event) => {
    try {
      const request = event?.Records?.[0]?.cf?.request;
      if (!request) {
        log('viewer-request: the event has no CloudFront request record', undefined);
        return serviceUnavailable();
      }
      return decide(request, { table, verify, cookieName: config.session.cookieName, nowMs: now() });
    } catch (error) {
      // Fail closed: whatever broke, no object is served on the strength of a half-run check.
      log('viewer-request: internal error, answering 503', error);
      return serviceUnavailable();
    }
  };
}
