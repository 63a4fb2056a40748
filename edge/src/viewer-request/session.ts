import { SESSION_CLOCK_TOLERANCE_SEC } from '@stride/contract/session';
import { SimpleJwksCache, type Jwk, type Jwks, type JwkWithKid } from 'aws-jwt-verify/jwk';
import { JwtVerifier } from 'aws-jwt-verify/jwt-verifier';

/** A public key as the baked JWKS holds it (the fields the verifier reads; anything else is ignored). */
export interface SessionJwk {
  readonly kty?: string;
  readonly kid?: string;
  readonly alg?: string;
  readonly use?: string;
  readonly n?: string;
  readonly e?: string;
}

export interface SessionConfig {
  /** The public keys tokens may be signed with; several at once during a rotation (matched by `kid`). */
  readonly jwks: { readonly keys: readonly SessionJwk[] };
  readonly issuer: string;
  readonly audience: string;
  readonly cookieName: string;
}

/** A session cookie longer than this is refused unread (browsers cap a cookie near 4 KB anyway). */
export const MAX_TOKEN_LENGTH = 4096;
/** Allowed difference between the signer's clock and the edge's for `exp`/`nbf` (the API allows the same). */
export const CLOCK_TOLERANCE_SEC = SESSION_CLOCK_TOLERANCE_SEC;

export type SessionCheck = { readonly valid: true; readonly subject: string } | { readonly valid: false; readonly reason: string };

/**
 * Synchronous on purpose: aws-jwt-verify's `verifySync` needs no I/O once the JWKS is baked in,
 * and a promise here would cost the request path microtask hops for nothing.
 */
export type SessionVerifier = (cookieValues: readonly string[], nowMs: number) => SessionCheck;

/** Tokens remembered as verified per container: enough for a busy edge's signed-in viewers. */
export const VERIFIED_CACHE_SIZE = 512;

/** A refusal of ours raised inside the library's verify (issuer pre-check, claim checks); its message is the reason. */
class SessionClaimError extends Error {
  override readonly name = 'SessionClaimError';
}

/**
 * The baked keys as aws-jwt-verify reads them, each pinned to `alg: RS256`: the library refuses a
 * header `alg` that differs from the key's before it touches the key, so `alg: none`, HS256 signed
 * with the public key, and RS384/RS512/ES* all fail without any crypto. Keys marked for another
 * use or algorithm are left out (as jose's local JWKS does); only the RSA members are copied.
 */
function rs256Keys(keys: readonly SessionJwk[]): Jwks {
  const usable: Jwk[] = [];
  for (const key of keys) {
    if (key.kty !== 'RSA' || !key.kid || !key.n || !key.e) continue;
    if ((key.use !== undefined && key.use !== 'sig') || (key.alg !== undefined && key.alg !== 'RS256')) continue;
    usable.push({ kty: 'RSA', kid: key.kid, n: key.n, e: key.e, alg: 'RS256', use: 'sig' });
  }
  return { keys: usable };
}

/** Never fetched: the keys are baked in and the cache below never downloads. `.invalid` (RFC 2606) could not resolve anyway. */
const BAKED_JWKS_URI = 'https://stride.invalid/.well-known/jwks.json';

type DecomposedJwt = Parameters<SimpleJwksCache['getCachedJwk']>[1];

/**
 * The verifier's JWKS cache, holding only the baked keys and never fetching. It also refuses a
 * token whose (still unverified) `iss` is not ours before a key is looked up: the verifier keeps
 * each imported key under the token's `iss`, so without this, forged tokens with ever-new issuers
 * would grow that cache without bound in a long-lived container. (The library checks `iss` again,
 * properly, after the signature.)
 */
class BakedJwksCache extends SimpleJwksCache {
  constructor(private readonly issuer: string) {
    super();
  }

  override getCachedJwk(jwksUri: string, decomposedJwt: DecomposedJwt): JwkWithKid {
    if (decomposedJwt.payload.iss !== this.issuer) throw new SessionClaimError('issuer is not the session issuer');
    return super.getCachedJwk(jwksUri, decomposedJwt);
  }

  override getJwk(jwksUri: string, decomposedJwt: DecomposedJwt): Promise<JwkWithKid> {
    return Promise.resolve().then(() => this.getCachedJwk(jwksUri, decomposedJwt));
  }

  override getJwks(): Promise<Jwks> {
    return Promise.reject(new Error('the session JWKS is baked in; it is never fetched'));
  }
}

/** What a verified token's payload gives its reader (a session's subject, a preview's claims). */
export type TokenCheck<T> = { readonly valid: true; readonly claims: T } | { readonly valid: false; readonly reason: string };

/** Reads what a kind of token carries from its verified payload, or why it is not one. */
export type ClaimsReader<T> = (payload: Readonly<Record<string, unknown>>) => { readonly claims: T } | { readonly refused: string };

export interface TokenVerifierOptions<T> {
  /** The `aud` this kind of token must carry (a session's, a preview's). */
  readonly audience: string;
  readonly readClaims: ClaimsReader<T>;
  /** What a refusal calls the token in its reasons ("session", "preview"). */
  readonly noun: string;
}

/**
 * Verifies a JWT synchronously with aws-jwt-verify (`verifySync`, node:crypto under it) against
 * the JWKS baked into the bundle and preloaded with `cacheJwks`: no network on the request path.
 * The key is picked by `kid` (several are live during a rotation); only RS256 is accepted; `iss`,
 * `aud`, `exp` (required) and `nbf` are checked, then the kind's own claims by `readClaims`.
 *
 * Why `exp`/`nbf` are checked here and not by the library: the library reads `Date.now()` itself,
 * while the edge's clock is injected (one `now` per request, shared with routing and launches),
 * so the library's own time checks are switched off (`graceSeconds: Infinity`) and `untimely` —
 * the same function the cache hits use — applies the clock tolerance.
 *
 * A token that verified once is remembered (by its exact string, bounded, least recently used
 * out first) with its `exp`/`nbf`, which are re-checked on every hit: a viewer's next page
 * skips the RSA work, and any changed byte is a different string that is verified afresh.
 */
export function createTokenVerifier<T>(
  config: Pick<SessionConfig, 'jwks' | 'issuer'>,
  options: TokenVerifierOptions<T>,
): (values: readonly string[], nowMs: number) => TokenCheck<T> {
  const { noun } = options;
  const verifier = JwtVerifier.create(
    {
      issuer: config.issuer,
      audience: options.audience,
      jwksUri: BAKED_JWKS_URI,
      graceSeconds: Number.POSITIVE_INFINITY,
      customJwtCheck: ({ header, payload }) => {
        // RFC 7515 §4.1.11: a `crit` extension we do not understand makes the token invalid (jose refuses it too).
        if (header.crit !== undefined) throw new SessionClaimError('unsupported crit header');
        // The library only checks `exp` when present; a token without an end is refused.
        if (typeof payload.exp !== 'number') throw new SessionClaimError(`${noun} has no exp`);
      },
    },
    { jwksCache: new BakedJwksCache(config.issuer) },
  );
  // Keys are imported lazily on first use: a malformed baked key refuses tokens, it does not crash the container at load.
  verifier.cacheJwks(rs256Keys(config.jwks.keys));

  interface Verified {
    readonly claims: T;
    readonly exp: number;
    readonly nbf: number | undefined;
  }
  const verified = new Map<string, Verified>();
  const untimely = (entry: Verified, nowSec: number): string | undefined => {
    if (nowSec >= entry.exp + CLOCK_TOLERANCE_SEC) return 'ERR_JWT_EXPIRED';
    if (entry.nbf !== undefined && nowSec < entry.nbf - CLOCK_TOLERANCE_SEC) return 'ERR_JWT_NOT_YET_VALID';
    return undefined;
  };

  return (values, nowMs) => {
    if (values.length === 0) return { valid: false, reason: `no ${noun} cookie` };
    if (values.length > 1) return { valid: false, reason: `more than one ${noun} cookie` };
    const token = values[0] ?? '';
    if (token.length > MAX_TOKEN_LENGTH) return { valid: false, reason: `${noun} cookie too large` };

    const nowSec = Math.floor(nowMs / 1000);
    // Looked up before the checks below: a remembered token is the exact string that passed
    // all of them when it was stored, so only its times need checking again.
    const known = verified.get(token);
    if (known) {
      verified.delete(token);
      const late = untimely(known, nowSec);
      if (late) return { valid: false, reason: late };
      verified.set(token, known);
      return { valid: true, claims: known.claims };
    }
    // A compact JWS has no padding. The rest of its shape (three base64url parts) is the library's
    // first check, so it is not tested twice: anything else fails there, before any key or crypto.
    if (token.includes('=')) return { valid: false, reason: `${noun} cookie is not a compact JWS` };

    let entry: Verified;
    try {
      const payload = verifier.verifySync(token);
      const read = options.readClaims(payload);
      if ('refused' in read) return { valid: false, reason: read.refused };
      // customJwtCheck has made sure of it; the check narrows the type.
      if (typeof payload.exp !== 'number') return { valid: false, reason: `${noun} has no exp` };
      entry = { claims: read.claims, exp: payload.exp, nbf: payload.nbf };
    } catch (error) {
      return { valid: false, reason: error instanceof Error ? error.message : `invalid ${noun}` };
    }
    const late = untimely(entry, nowSec);
    if (late) return { valid: false, reason: late };
    verified.set(token, entry);
    if (verified.size > VERIFIED_CACHE_SIZE) {
      const oldest = verified.keys().next();
      if (!oldest.done) verified.delete(oldest.value);
    }
    return { valid: true, claims: entry.claims };
  };
}

/** A session's one claim of its own: a non-empty subject. */
const readSubject: ClaimsReader<string> = (payload) =>
  typeof payload.sub === 'string' && payload.sub.length > 0 ? { claims: payload.sub } : { refused: 'session has no subject' };

/** Verifies `stride_session` (audience `stride-viewer`, a subject required): see createTokenVerifier. */
export function createSessionVerifier(config: SessionConfig): SessionVerifier {
  const verify = createTokenVerifier(config, { audience: config.audience, readClaims: readSubject, noun: 'session' });
  return (values, nowMs) => {
    const check = verify(values, nowMs);
    return check.valid ? { valid: true, subject: check.claims } : check;
  };
}
