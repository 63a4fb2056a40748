import { SIGNED_IN_HINT_COOKIE } from './session';

/**
 * What the first paint of a prerendered page knows about the viewer: only whether the browser
 * holds the signed-in hint (contract/src/session.ts). A tiny inline script in every page's
 * <head> marks `<html data-signed-in>` before anything is painted, so the page's CSS reserves
 * the signed-in rows' space ("Continue watching") from the first frame instead of pushing the
 * page down when they arrive after hydration (issue 17: cumulative layout shift).
 *
 * The Content-Security-Policy allows exactly this script by its hash (`'sha256-…'`, CSP Level 2
 * https://www.w3.org/TR/CSP2/#script-src-hash-usage), never 'unsafe-inline': the web build puts
 * the script in the page, the edge puts the hash in the policy, both from here. A test checks
 * the hash against the script.
 */
/** The attribute the script sets on <html>, for the CSS. */
export const SIGNED_IN_ATTRIBUTE = 'data-signed-in';

export const SIGNED_IN_FIRST_PAINT_SCRIPT =
  `document.cookie.split(';').some(function(c){c=c.trim();return c.indexOf('${SIGNED_IN_HINT_COOKIE}=')===0&&c.length>${SIGNED_IN_HINT_COOKIE.length + 1}})` +
  `&&document.documentElement.setAttribute('${SIGNED_IN_ATTRIBUTE}','')`;

/** base64 SHA-256 of SIGNED_IN_FIRST_PAINT_SCRIPT, as CSP's `'sha256-…'` source names it. */
export const SIGNED_IN_FIRST_PAINT_SCRIPT_SHA256 = '6u1dlIgU1xTzUMuRyTezeHT0QPOZ+UWajxbc/uHb+GQ=';
