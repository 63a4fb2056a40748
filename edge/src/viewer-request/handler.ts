import type { CloudFrontRequest, CloudFrontRequestEvent, CloudFrontRequestResult } from 'aws-lambda';
import { headerValue } from '../shared/headers';
import type { ViewerRequestConfig } from './config';
import { cookieValues } from './cookies';
import { DEVICE_COOKIE, detectDevice } from './device';
import { safeQuery } from './normalize-uri';
import { takeDeviceOverride } from './query';
import { badRequest, canonicalRedirect, deviceRedirect, loginRedirect, serviceUnavailable, uriTooLong, vanityRedirect } from './responses';
import { bakedSnapshot, type ReleaseRouting } from './release-routing';
import { notFoundObject, objectFor, programRelease, unavailableObject, type RouteTable, type Viewer } from './route-table';
import { createSessionVerifier, type SessionVerifier } from './session';
import { classifyUri } from './uri-decision';

export type ViewerRequestHandler = (event: CloudFrontRequestEvent) => Promise<CloudFrontRequestResult>;

export interface HandlerOptions {
  /** The clock (ms since epoch); tests move it across a launch or a token's `exp`. */
  readonly now?: () => number;
  readonly log?: (message: string, error: unknown) => void;
  /** Routing read from the live release (bounded staleness); without it, the manifest baked in at build. */
  readonly routing?: ReleaseRouting;
}

const withQuery = (path: string, querystring: string): string => (querystring ? `${path}?${safeQuery(querystring)}` : path);

interface Deps {
  readonly table: RouteTable;
  readonly verify: SessionVerifier;
  readonly cookieName: string;
  readonly nowMs: number;
  /** Site object URI → the URI of its bytes in the release routed by (identity for the baked routing). */
  readonly stored: (uri: string) => string;
}

/**
 * The rules in order: what the URI decides (normalize, vanity redirects, canonical form, auth
 * needed), then the session, the device override and routing for this viewer. Synchronous (the
 * session check needs no I/O): only the Lambda entry point is a promise.
 */
function decide(request: CloudFrontRequest, deps: Deps): CloudFrontRequestResult {
  const rawUri = typeof request.uri === 'string' ? request.uri : '';
  const querystring = typeof request.querystring === 'string' ? request.querystring : '';
  const uri = classifyUri(rawUri, deps.table);
  switch (uri.kind) {
    case 'reject':
      return uri.status === 414 ? uriTooLong(uri.reason) : badRequest(uri.reason);
    case 'origin':
      return { ...request, uri: uri.uri };
    case 'vanity':
      return vanityRedirect(withQuery(uri.to, querystring), uri.status);
    case 'canonical':
      return canonicalRedirect(withQuery(uri.uri, querystring));
  }

  if (uri.needsSession) {
    const session = deps.verify(cookieValues(request.headers, deps.cookieName), deps.nowMs);
    if (!session.valid) return loginRedirect(withQuery(uri.uri, querystring));
  }

  if (uri.kind === 'unrouted') {
    const viewer = viewerOf(request, deps.nowMs);
    if (uri.programOfData !== undefined) {
      // Refused page data answers as the page would: 451 outside the licence (the app shows the
      // 451 page on client-side navigation too), 404 before launch (the app knows the date).
      const release = programRelease(uri.programOfData, viewer, deps.table);
      if (release === 'unlicensed') return { ...request, uri: deps.stored(unavailableObject(viewer.device, deps.table)) };
      if (release === 'upcoming') return { ...request, uri: deps.stored(notFoundObject(viewer.device, deps.table)) };
    }
    if (uri.servedAsFile) return { ...request, uri: deps.stored(uri.uri) };
    return { ...request, uri: deps.stored(notFoundObject(viewer.device, deps.table)) };
  }

  const override = takeDeviceOverride(querystring);
  if (override.device === 'invalid') return badRequest('the device parameter must be "tv" or "web"');
  if (override.device) return deviceRedirect(withQuery(uri.uri, override.rest), DEVICE_COOKIE, override.device);

  return { ...request, uri: deps.stored(objectFor(uri.match, viewerOf(request, deps.nowMs), deps.table)) };
}

function viewerOf(request: CloudFrontRequest, nowMs: number): Viewer {
  const country = headerValue(request.headers, 'cloudfront-viewer-country')?.trim().toUpperCase();
  return { device: detectDevice(request.headers), country, nowMs };
}

/** The Lambda@Edge adapter: unwraps the CloudFront event, applies the rules, never throws. */
export function createViewerRequestHandler(config: ViewerRequestConfig, options: HandlerOptions = {}): ViewerRequestHandler {
  const baked = bakedSnapshot(config.manifest);
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
      const current = options.routing ? options.routing.current() : baked;
      const routing = current instanceof Promise ? await current : current;
      return decide(request, {
        table: routing.table,
        verify,
        cookieName: config.session.cookieName,
        nowMs: now(),
        stored: routing.objectUri,
      });
    } catch (error) {
      // Fail closed: whatever broke, no object is served on the strength of a half-run check.
      log('viewer-request: internal error, answering 503', error);
      return serviceUnavailable();
    }
  };
}
