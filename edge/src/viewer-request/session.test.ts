import { KeyObject, sign } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { NOW_MS } from './fixtures/manifest';
import { AUDIENCE, COOKIE, ISSUER, makeKey, signSession, type TestKey } from './fixtures/tokens';
import { createSessionVerifier, type SessionVerifier } from './session';

// What the switch to aws-jwt-verify relies on beyond hostile.test.ts: each its own named test.
const nowSec = Math.floor(NOW_MS / 1000);
let key: TestKey;
let verify: SessionVerifier;

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token signed with the real private key under any header: the signature itself is genuine. */
function signWith(header: Record<string, unknown>, hash: string, payload: Record<string, unknown> = {}): string {
  const input = `${b64({ kid: key.kid, typ: 'JWT', ...header })}.${b64({ iss: ISSUER, aud: AUDIENCE, sub: 'user-123', iat: nowSec, exp: nowSec + 3600, ...payload })}`;
  return `${input}.${sign(hash, Buffer.from(input), KeyObject.from(key.privateKey)).toString('base64url')}`;
}

beforeAll(async () => {
  key = await makeKey('key-2026-11');
  verify = createSessionVerifier({ jwks: { keys: [key.publicJwk] }, issuer: ISSUER, audience: AUDIENCE, cookieName: COOKIE });
});

describe('session verifier (aws-jwt-verify)', () => {
  it('control: a hand-signed RS256 token is accepted', async () => {
    expect(await verify([signWith({ alg: 'RS256' }, 'sha256')], NOW_MS)).toEqual({ valid: true, subject: 'user-123' });
  });

  it('RS512 signed with the right key is refused (RS256 only)', async () => {
    expect((await verify([signWith({ alg: 'RS512' }, 'sha512')], NOW_MS)).valid).toBe(false);
  });

  it('a crit header it does not understand is refused', async () => {
    expect((await verify([signWith({ alg: 'RS256', crit: ['x-stride'], 'x-stride': 1 }, 'sha256')], NOW_MS)).valid).toBe(false);
  });

  it('an empty subject is refused', async () => {
    expect((await verify([await signSession(key, { nowSec, claims: { sub: '' } })], NOW_MS)).valid).toBe(false);
  });

  it('a non-numeric exp is refused', async () => {
    expect((await verify([signWith({ alg: 'RS256' }, 'sha256', { exp: 'never' })], NOW_MS)).valid).toBe(false);
  });

  it('not-yet-valid inside the clock tolerance is accepted', async () => {
    expect((await verify([await signSession(key, { nowSec, claims: { nbf: nowSec + 20 } })], NOW_MS)).valid).toBe(true);
  });

  it('a malformed baked key refuses sessions instead of throwing', async () => {
    const broken = createSessionVerifier({
      jwks: { keys: [{ ...key.publicJwk, n: 'AA' }] },
      issuer: ISSUER,
      audience: AUDIENCE,
      cookieName: COOKIE,
    });
    expect((await broken([await signSession(key, { nowSec })], NOW_MS)).valid).toBe(false);
  });
});
