import { importJWK, jwtVerify, SignJWT, type JWK, type KeyObject, type CryptoKey } from 'jose';
import { SESSION_ALG, SESSION_AUDIENCE, SESSION_CLOCK_TOLERANCE_SEC, SESSION_COOKIE, SESSION_ISSUER } from '@stride/contract/session';

export { SESSION_COOKIE };

/** How long a sign-in lasts; the cookie's Max-Age matches the token's exp. */
export const SESSION_TTL_SECONDS = 8 * 3600;

type Key = KeyObject | CryptoKey | Uint8Array;

/** Signs and verifies `stride_session` JWTs with exactly the claims the edge checks. */
export class SessionTokens {
  private constructor(
    private readonly kid: string,
    private readonly signingKey: Key,
    private readonly verifyKey: Key,
  ) {}

  static async fromPrivateJwk(jwk: JWK & { kid?: string }): Promise<SessionTokens> {
    if (!jwk.kid || !jwk.d) throw new Error('the session signing key must be a private JWK with a kid');
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = jwk;
    return new SessionTokens(jwk.kid, await importJWK(jwk, SESSION_ALG), await importJWK(publicJwk, SESSION_ALG));
  }

  /**
   * `issuedNoEarlierThan` (epoch seconds): the user's `sessionsValidAfter`. A sign-in in the same
   * second as a "sign out everywhere" gets that second as its iat (less than a second ahead; iat
   * is informational to both verifiers, which check exp), so it is not refused with the old ones.
   */
  sign(userId: string, now: Date, issuedNoEarlierThan = 0): Promise<string> {
    const iat = Math.max(Math.floor(now.getTime() / 1000), issuedNoEarlierThan);
    return new SignJWT({})
      .setProtectedHeader({ alg: SESSION_ALG, kid: this.kid, typ: 'JWT' })
      .setIssuer(SESSION_ISSUER)
      .setAudience(SESSION_AUDIENCE)
      .setSubject(userId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + SESSION_TTL_SECONDS)
      .sign(this.signingKey);
  }

  /** The user and issue time (epoch seconds) of a valid token, or undefined for anything else (expired, forged, malformed). */
  async verify(token: string, now: Date): Promise<{ readonly userId: string; readonly issuedAt: number } | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.verifyKey, {
        issuer: SESSION_ISSUER,
        audience: SESSION_AUDIENCE,
        algorithms: [SESSION_ALG],
        currentDate: now,
        clockTolerance: SESSION_CLOCK_TOLERANCE_SEC,
      });
      return typeof payload.sub === 'string' && typeof payload.iat === 'number'
        ? { userId: payload.sub, issuedAt: payload.iat }
        : undefined;
    } catch {
      return undefined;
    }
  }
}
