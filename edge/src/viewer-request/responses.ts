import type { CloudFrontResultResponse } from 'aws-lambda';
import { securityHeaders } from '../shared/security-headers';

/**
 * Named builders for every response the viewer-request generates itself. CloudFront does not run
 * origin-response for these, so each carries the security headers too.
 */

const withHeaders = (status: number, description: string, extra: Record<string, string>, body?: string): CloudFrontResultResponse => {
  const headers = securityHeaders();
  for (const [key, value] of Object.entries(extra)) headers[key.toLowerCase()] = [{ key, value }];
  return {
    status: String(status),
    statusDescription: description,
    headers,
    ...(body === undefined ? {} : { body, bodyEncoding: 'text' as const }),
  };
};

/**
 * A `Location` stays on this site: one leading "/", never "//" or "/\" (which browsers read as
 * another host), and no control characters (which could split the header).
 */
export function isSameSiteLocation(location: string): boolean {
  // eslint-disable-next-line no-control-regex -- a control character in a Location could split the header.
  return /^\/(?![/\\])/.test(location) && !/[\u0000-\u001f\u007f\\]/.test(location);
}

const sameSite = (location: string): string => (isSameSiteLocation(location) ? location : '/');

/** 301 to the canonical form of a page (trailing slash, case, `//`, encoding). */
export const canonicalRedirect = (location: string): CloudFrontResultResponse =>
  withHeaders(301, 'Moved Permanently', { Location: sameSite(location), 'Cache-Control': 'public, max-age=3600' });

/** A marketing vanity path (`/go/<name>`) to its page. */
export const vanityRedirect = (location: string, status: 301 | 302): CloudFrontResultResponse =>
  withHeaders(status, status === 301 ? 'Moved Permanently' : 'Found', {
    Location: sameSite(location),
    'Cache-Control': status === 301 ? 'public, max-age=3600' : 'no-store',
  });

/** Sign-in first, then back to `next` (a same-site path with its query). */
export function loginRedirect(next: string): CloudFrontResultResponse {
  const safeNext = isSameSiteLocation(next) ? next : '/';
  return withHeaders(302, 'Found', { Location: `/login?next=${encodeURIComponent(safeNext)}`, 'Cache-Control': 'no-store' });
}

/** Stores a `?device=` override in a cookie and reloads the page without the parameter. */
export const deviceRedirect = (location: string, cookieName: string, device: 'tv' | 'web'): CloudFrontResultResponse =>
  withHeaders(302, 'Found', {
    Location: sameSite(location),
    'Set-Cookie': `${cookieName}=${device}; Path=/; Max-Age=2592000; SameSite=Lax; Secure`,
    'Cache-Control': 'no-store',
  });

/**
 * Keeps a preview link's token in an HttpOnly cookie for as long as the token lasts (so the pages,
 * page data and playback that follow carry it) and reloads the page without it.
 */
export const previewRedirect = (location: string, cookieName: string, token: string, lifetimeMs: number): CloudFrontResultResponse =>
  withHeaders(302, 'Found', {
    Location: sameSite(location),
    'Set-Cookie': `${cookieName}=${token}; Path=/; Max-Age=${Math.max(1, Math.floor(lifetimeMs / 1000))}; HttpOnly; SameSite=Lax; Secure`,
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
  });

/** A preview link whose token is expired, forged or malformed: said in words, with what to do. */
export const previewLinkRefused = (reason: string): CloudFrontResultResponse =>
  withHeaders(
    403,
    'Forbidden',
    { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' },
    `Preview refused: ${reason}. Ask whoever sent it for a new link (npm run launch -- preview <program>).\n`,
  );

export const badRequest = (reason: string): CloudFrontResultResponse =>
  withHeaders(
    400,
    'Bad Request',
    { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    `Bad request: ${reason}.\n`,
  );

export const uriTooLong = (reason: string): CloudFrontResultResponse =>
  withHeaders(
    414,
    'URI Too Long',
    { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    `URI too long: ${reason}.\n`,
  );

/** The fail-closed answer when the function itself breaks: never the protected object. */
export const serviceUnavailable = (): CloudFrontResultResponse =>
  withHeaders(
    503,
    'Service Unavailable',
    { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': '5' },
    'Service unavailable: please try again in a few seconds.\n',
  );
