import { describe, expect, it } from 'vitest';
import { assertJwks } from './jwks';

const rsa = (kid: string, extra: Record<string, unknown> = {}) => ({
  kty: 'RSA',
  n: 'sXch',
  e: 'AQAB',
  kid,
  alg: 'RS256',
  use: 'sig',
  ...extra,
});

describe('assertJwks (what the edge build bakes in)', () => {
  it('accepts several public RSA keys with distinct kids (a rotation)', () => {
    expect(() => assertJwks({ keys: [rsa('a'), rsa('b')] }, 'jwks.json')).not.toThrow();
  });

  it.each([
    [{}, 'keys: expected a non-empty array'],
    [{ keys: [] }, 'keys: expected a non-empty array'],
    [{ keys: [{ kty: 'EC', kid: 'a' }] }, 'keys.0: expected an RSA public key'],
    [{ keys: [rsa('')] }, 'keys.0.kid: expected a key id'],
    [{ keys: [rsa('a'), rsa('a')] }, 'keys.1.kid: "a" is used twice'],
    [{ keys: [rsa('a', { alg: 'HS256' })] }, 'keys.0.alg: expected "RS256"'],
    [{ keys: [rsa('a', { d: 'secret' })] }, 'keys.0: is a private key'],
  ])('refuses %j naming the field', (jwks, message) => {
    expect(() => assertJwks(jwks, 'jwks.json')).toThrow(`jwks.json: ${message}`);
  });
});
