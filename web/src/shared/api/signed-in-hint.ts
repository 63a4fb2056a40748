import { SIGNED_IN_HINT_COOKIE } from '@stride/contract/session';

/*
 * `stride_signed_in=1`: a readable companion of the HttpOnly session cookie. The API sets it at
 * sign-in with the session's Max-Age and clears it at sign-out and on any 401 to a request that
 * carried it, so a prerendered page can choose "Sign in" or "Account", and whether to ask for
 * per-viewer data, without a request that would answer 401. A hint, never a credential: a stale
 * one costs one 401 (which clears it). Its name is in @stride/contract/session, with the API's.
 */

/** Whether a cookie string (`document.cookie`, or a Cookie header) carries the hint. */
export function isSignedInHint(cookieString: string): boolean {
  return cookieString.split(';').some((pair) => {
    const eq = pair.indexOf('=');
    return eq > 0 && pair.slice(0, eq).trim() === SIGNED_IN_HINT_COOKIE && pair.slice(eq + 1).trim() !== '';
  });
}

/**
 * Drops the hint in this browser (e.g. after a sign-out the API could not be told about). The
 * attributes match the API's Set-Cookie so the same cookie is replaced; on https it must be
 * Secure, or the browser refuses to overwrite the Secure original.
 */
export function clearSignedInHint(
  doc: { cookie: string } = document,
  secure = typeof location !== 'undefined' && location.protocol === 'https:',
): void {
  doc.cookie = `${SIGNED_IN_HINT_COOKIE}=; Path=/; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;
}
