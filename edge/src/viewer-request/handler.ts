import type { CloudFrontRequest, CloudFrontRequestEvent, CloudFrontRequestResult } from 'aws-lambda';
import { headerValue } from '../shared/headers';
import type { ViewerRequestConfig } from './config';
import { cookieValues } from './cookies';
import { DEVICE_COOKIE, detectDevice } from './device';
import { safeQuery } from './normalize-uri';
import { takeDeviceOverride } from './query';
import { PREVIEW_COOKIE, type PreviewClaims } from '@stride/contract/preview';
import { createPreviewVerifier, previewRefusalText, takePreviewLink, type PreviewVerifier } from './preview';
import {
  badRequest,
  canonicalRedirect,
  deviceRedirect,
  loginRedirect,
  previewLinkRefused,
  previewRedirect,
  serviceUnavailable,
  uriTooLong,
  vanityRedirect,
} from './responses';
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
  readonly verifyPreview: PreviewVerifier;
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
    const viewer = viewerOf(request, deps, uri.programOfData !== undefined);
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

  const link = takePreviewLink(querystring);
  if (link.tokens.length > 0) {
    // A followed preview link: keep its token in a cookie and reload the page without it, so the
    // token never sits in the address bar, history or a Referer, and the page's own URL is cached.
    const check = deps.verifyPreview(link.tokens, deps.nowMs);
    if (!check.valid) return previewLinkRefused(previewRefusalText(check.reason));
    return previewRedirect(withQuery(uri.uri, link.rest), PREVIEW_COOKIE, link.tokens[0] ?? '', check.claims.expiresAtMs - deps.nowMs);
  }

  const override = takeDeviceOverride(querystring);
  if (override.device === 'invalid') return badRequest('the device parameter must be "tv" or "web"');
  if (override.device) return deviceRedirect(withQuery(uri.uri, override.rest), DEVICE_COOKIE, override.device);

  const isProgram = uri.match.kind === 'route' && deps.table.programs.has(uri.match.route.path);
  return { ...request, uri: deps.stored(objectFor(uri.match, viewerOf(request, deps, isProgram), deps.table)) };
}

/**
 * The viewer a routing decision is for. The preview cookie is read only where a program's launch
 * is decided (its page or page data): every other request skips the cookie and the verifier.
 */
function viewerOf(request: CloudFrontRequest, deps: Deps, decidesLaunch: boolean): Viewer {
  const country = headerValue(request.headers, 'cloudfront-viewer-country')?.trim().toUpperCase();
  const preview = decidesLaunch ? previewOf(request, deps) : undefined;
  return { device: detectDevice(request.headers), country, nowMs: deps.nowMs, preview };
}

/** A valid preview cookie's claims; an expired or forged one is no preview (the viewer sees the site as everyone does). */
function previewOf(request: CloudFrontRequest, deps: Deps): PreviewClaims | undefined {
  const values = cookieValues(request.headers, PREVIEW_COOKIE);
  if (values.length === 0) return undefined;
  const check = deps.verifyPreview(values, deps.nowMs);
  return check.valid ? check.claims : undefined;
}

/** The Lambda@Edge adapter: unwraps the CloudFront event, applies the rules, never throws. */
export function createViewerRequestHandler(config: ViewerRequestConfig, options: HandlerOptions = {}): ViewerRequestHandler {
  const baked = bakedSnapshot(config.manifest);
  const verify = createSessionVerifier(config.session);
  const verifyPreview = createPreviewVerifier(config.session);
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
        verifyPreview,
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
