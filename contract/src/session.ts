/**
 * The session's names, shared by who signs it (the API), who checks it (the edge's viewer-request
 * and the API) and who reads its readable companion (the web app). Changing one is a coordinated
 * change of all three, which is why they live here once.
 */
export const SESSION_ALG = 'RS256';
/** The HttpOnly cookie holding the RS256 JWT. */
export const SESSION_COOKIE = 'stride_session';
export const SESSION_ISSUER = 'https://stride.local/auth';
export const SESSION_AUDIENCE = 'stride-viewer';

/**
 * Seconds of clock difference tolerated on a session's `exp` and `nbf`, the same at the edge and
 * at the API: a region or edge location whose clock runs a little behind or ahead must not turn
 * a page the edge let through into a 401 at the API, or the reverse.
 */
export const SESSION_CLOCK_TOLERANCE_SEC = 30;

/**
 * `stride_signed_in=1`: a readable companion of the HttpOnly session cookie, set and cleared by
 * the API with the session, so a prerendered page can choose "Sign in" or "Account" without a
 * request that would answer 401. A hint, never a credential.
 */
export const SIGNED_IN_HINT_COOKIE = 'stride_signed_in';
