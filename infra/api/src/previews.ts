import { importJWK, jwtVerify, SignJWT, type CryptoKey, type JWK, type KeyObject } from 'jose';
import {
  PREVIEW_AUDIENCE,
  PREVIEW_CLAIM,
  PREVIEW_COOKIE,
  PREVIEW_MAX_TTL_SEC,
  readPreviewClaims,
  type PreviewClaims,
} from '@stride/contract/preview';
import { SESSION_ALG, SESSION_CLOCK_TOLERANCE_SEC, SESSION_ISSUER } from '@stride/contract/session';

export { PREVIEW_COOKIE };

type Key = KeyObject | CryptoKey | Uint8Array;

export interface PreviewRequest {
  /** The program's slug. */
  readonly program: string;
  /** The instant its holder sees the program as of. */
  readonly asOf: Date;
  /** When the link stops working: at most a week after `now`. */
  readonly expiresAt: Date;
  readonly now: Date;
}

/**
 * Signs and verifies preview tokens (@stride/contract/preview) with the session signing key: the
 * edge verifies them with the JWKS it already carries, and their audience keeps them from ever
 * passing as a session (or a session as a preview). Signed by the launch CLI (through the local
 * console, or with the key from Secrets Manager on AWS); verified by the API for playback.
 */
export class PreviewTokens {
  private constructor(
    private readonly kid: string,
    private readonly signingKey: Key | undefined,
    private readonly verifyKey: Key,
  ) {}

  /** From the private session JWK: signs and verifies. */
  static async fromPrivateJwk(jwk: JWK & { kid?: string }): Promise<PreviewTokens> {
    if (!jwk.kid || !jwk.d) throw new Error('the preview signing key must be the private session JWK, with a kid');
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = jwk;
    return new PreviewTokens(jwk.kid, await importJWK(jwk, SESSION_ALG), await importJWK(publicJwk, SESSION_ALG));
  }

  sign(request: PreviewRequest): Promise<string> {
    if (!this.signingKey) throw new Error('this PreviewTokens only verifies');
    const iat = Math.floor(request.now.getTime() / 1000);
    const exp = Math.floor(request.expiresAt.getTime() / 1000);
    if (exp <= iat) throw new Error('a preview must expire after it is signed');
    if (exp - iat > PREVIEW_MAX_TTL_SEC) throw new Error('a preview lasts at most a week');
    return new SignJWT({ [PREVIEW_CLAIM.program]: request.program, [PREVIEW_CLAIM.asOf]: Math.floor(request.asOf.getTime() / 1000) })
      .setProtectedHeader({ alg: SESSION_ALG, kid: this.kid, typ: 'JWT' })
      .setIssuer(SESSION_ISSUER)
      .setAudience(PREVIEW_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.signingKey);
  }

  /** The claims of a valid preview, or undefined for anything else (expired, forged, a session, malformed). */
  async verify(token: string, now: Date): Promise<PreviewClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.verifyKey, {
        issuer: SESSION_ISSUER,
        audience: PREVIEW_AUDIENCE,
        algorithms: [SESSION_ALG],
        currentDate: now,
        clockTolerance: SESSION_CLOCK_TOLERANCE_SEC,
        requiredClaims: ['exp'],
      });
      const claims = readPreviewClaims(payload);
      return typeof claims === 'string' ? undefined : claims;
    } catch {
      return undefined;
    }
  }
}
