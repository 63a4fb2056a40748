import type { CloudFrontHeaders } from 'aws-lambda';
import { SIGNED_IN_FIRST_PAINT_SCRIPT_SHA256 } from '@stride/contract/signed-in-first-paint';

/**
 * The Content-Security-Policy the app runs under. No 'unsafe-inline' anywhere: the prerendered
 * state is a JSON data block, not a script. hls.js (issue 5) builds media from blob: URLs and
 * may run its transmuxer in a blob: worker, hence `media-src` and `worker-src` allow blob:; it
 * also gives the caption <track> it creates a `data:,WEBVTT` placeholder, hence media `data:`
 * (a media data: URL cannot run script).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `script-src 'self' 'sha256-${SIGNED_IN_FIRST_PAINT_SCRIPT_SHA256}'`,
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob: data:",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY: readonly (readonly [string, string])[] = [
  ['Strict-Transport-Security', 'max-age=63072000; includeSubDomains; preload'],
  ['Content-Security-Policy', CONTENT_SECURITY_POLICY],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), fullscreen=(self), picture-in-picture=(self)'],
  // For browsers that predate CSP frame-ancestors.
  ['X-Frame-Options', 'DENY'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
];

/** The security headers in CloudFront's shape (a fresh object each call: callers may add to it). */
export function securityHeaders(): CloudFrontHeaders {
  const out: CloudFrontHeaders = {};
  for (const [key, value] of SECURITY) out[key.toLowerCase()] = [{ key, value }];
  return out;
}
