import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importJWK, jwtVerify, SignJWT, createLocalJWKSet } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureSessionKeys } from './session-keys';

let dir = '';
const pathsIn = (d: string) => ({ dir: d, privateJwk: path.join(d, 'private.json'), jwks: path.join(d, 'jwks.json') });
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'stride-keys-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ensureSessionKeys', () => {
  it('generates a key pair whose JWKS verifies what the private key signs', async () => {
    const keys = await ensureSessionKeys(pathsIn(dir));
    const token = await new SignJWT({ sub: 'u1' })
      .setProtectedHeader({ alg: 'RS256', kid: keys.privateJwk.kid })
      .sign(await importJWK(keys.privateJwk, 'RS256'));
    const { payload } = await jwtVerify(token, createLocalJWKSet(keys.jwks));
    expect(payload.sub).toBe('u1');
    expect(keys.jwks.keys[0]).not.toHaveProperty('d');
  });

  it('keeps the private key owner-only and reuses existing keys', async () => {
    const first = await ensureSessionKeys(pathsIn(dir));
    expect((await stat(pathsIn(dir).privateJwk)).mode & 0o777).toBe(0o600);
    const second = await ensureSessionKeys(pathsIn(dir));
    expect(second.privateJwk.kid).toBe(first.privateJwk.kid);
    expect(JSON.parse(await readFile(pathsIn(dir).jwks, 'utf8'))).toEqual(first.jwks);
  });
});
