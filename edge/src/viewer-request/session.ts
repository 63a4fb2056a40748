import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';

export interface SessionConfig {
  /** The public keys tokens may be signed with; several at once during a rotation (matched by `kid`). */
  readonly jwks: JSONWebKeySet;
  readonly issuer: string;
  readonly audience: string;
  readonly cookieName: string;
}

/** A session cookie longer than this is refused unread (browsers cap a cookie near 4 KB anyway). */
export const MAX_TOKEN_LENGTH = 4096;
/** Allowed difference between the signer's clock and the edge's for `exp`/`nbf`. */
export const CLOCK_TOLERANCE_SEC = 30;

export type SessionCheck = { readonly valid: true; readonly subject: string } | { readonly valid: false; readonly reason: string };

export type SessionVerifier = (cookieValues: readonly string[], nowMs: number) => Promise<SessionCheck>;

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Tokens remembered as verified per container: enough for a busy edge's signed-in viewers. */
export const VERIFIED_CACHE_SIZE = 512;

interface Verified {
  readonly subject: string;
  readonly exp: number;
  readonly nbf: number | undefined;
}

/**
 * Verifies `stride_session` with jose against the JWKS baked into the bundle: no network on the
 * request path. Only RS256 is accepted, so `alg: none` and HS256-signed-with-the-public-key
 * tokens fail before any key is used; `iss`, `aud`, `exp` (required) and `nbf` are checked.
 *
 * A token that verified once is remembered (by its exact string, bounded, least recently used
 * out first) with its `exp`/`nbf`, which are re-checked on every hit: a viewer's next page
 * skips the RSA work, and any changed byte is a different string that is verified afresh.
 */
export function createSessionVerifier(config: SessionConfig): SessionVerifier {
  const keys = createLocalJWKSet(config.jwks);
  const verified = new Map<string, Verified>();
  const timely = (entry: Verified, nowSec: number): boolean =>
    nowSec <= entry.exp + CLOCK_TOLERANCE_SEC && (entry.nbf === undefined || nowSec >= entry.nbf - CLOCK_TOLERANCE_SEC);

  return async (values, nowMs) => {
    if (values.length === 0) return { valid: false, reason: 'no session cookie' };
    if (values.length > 1) return { valid: false, reason: 'more than one session cookie' };
    const token = values[0] ?? '';
    if (token.length > MAX_TOKEN_LENGTH) return { valid: false, reason: 'session cookie too large' };
    if (!COMPACT_JWS.test(token)) return { valid: false, reason: 'session cookie is not a compact JWS' };

    const nowSec = Math.floor(nowMs / 1000);
    const known = verified.get(token);
    if (known) {
      verified.delete(token);
      if (!timely(known, nowSec)) return { valid: false, reason: 'ERR_JWT_EXPIRED' };
      verified.set(token, known);
      return { valid: true, subject: known.subject };
    }

    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: ['RS256'],
        issuer: config.issuer,
        audience: config.audience,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: CLOCK_TOLERANCE_SEC,
        currentDate: new Date(nowMs),
      });
      if (typeof payload.sub !== 'string' || payload.sub.length === 0 || typeof payload.exp !== 'number') return { valid: false, reason: 'session has no subject' };
      verified.set(token, { subject: payload.sub, exp: payload.exp, nbf: typeof payload.nbf === 'number' ? payload.nbf : undefined });
      if (verified.size > VERIFIED_CACHE_SIZE) {
        const oldest = verified.keys().next();
        if (!oldest.done) verified.delete(oldest.value);
      }
      return { valid: true, subject: payload.sub };
    } catch (error) {
      return { valid: false, reason: (error as { code?: string }).code ?? 'invalid session' };
    }
  };
}
