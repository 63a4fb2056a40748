import { beforeAll, describe, expect, it } from 'vitest';
import { NOW_MS } from './fixtures/manifest';
import { asRequest, asResponse, headerOf, isResponse, makeHarness, type Harness } from './fixtures/harness';
import { AUDIENCE, COOKIE, ISSUER, hs256WithPublicKey, signSession, tamperPayload, unsignedToken } from './fixtures/tokens';
import { isSameSiteLocation } from './responses';

// Each hostile input is its own named test: a regression names the attack that got through.
let h: Harness;
const nowSec = Math.floor(NOW_MS / 1000);
const claims = { iss: ISSUER, aud: AUDIENCE, sub: 'user-123', iat: nowSec, exp: nowSec + 3600 };

beforeAll(async () => {
  h = await makeHarness();
});

/** The protected page with this cookie header: a login redirect (and never the shell) is a pass. */
async function expectRefused(cookies: string[]): Promise<void> {
  const result = await h.run('/watch/w-hiit30-01', '', {}, { cookies });
  expect(isResponse(result), `forwarded to ${JSON.stringify(result)}`).toBe(true);
  const response = asResponse(result);
  expect(response.status).toBe('302');
  expect(headerOf(response, 'location')).toBe('/login?next=%2Fwatch%2Fw-hiit30-01');
}

describe('hostile session tokens', () => {
  it('control: the valid token is accepted', async () => {
    expect(asRequest(await h.run('/watch/w-hiit30-01', '', {}, { cookies: [`${COOKIE}=${h.validToken}`] })).uri).toBe('/watch/index.html');
  });

  it('alg: none with an empty signature', async () => {
    await expectRefused([`${COOKIE}=${unsignedToken(claims)}`]);
  });

  it('alg: none with a signature-shaped tail', async () => {
    await expectRefused([`${COOKIE}=${unsignedToken(claims, 'c2lnbmF0dXJl')}`]);
  });

  it('HS256 signed with the RSA public key', async () => {
    await expectRefused([`${COOKIE}=${hs256WithPublicKey(claims, h.key)}`]);
  });

  it('expired (beyond the clock tolerance)', async () => {
    await expectRefused([`${COOKIE}=${await signSession(h.key, { nowSec, claims: { iat: nowSec - 7200, exp: nowSec - 120 } })}`]);
  });

  it('expired a few seconds ago is still inside the clock tolerance', async () => {
    const token = await signSession(h.key, { nowSec, claims: { exp: nowSec - 10 } });
    expect(asRequest(await h.run('/watch/w-1', '', {}, { cookies: [`${COOKIE}=${token}`] })).uri).toBe('/watch/index.html');
  });

  it('without exp', async () => {
    await expectRefused([`${COOKIE}=${await signSession(h.key, { nowSec, omitExp: true })}`]);
  });

  it('not yet valid (nbf in the future)', async () => {
    await expectRefused([`${COOKIE}=${await signSession(h.key, { nowSec, claims: { nbf: nowSec + 600 } })}`]);
  });

  it('wrong issuer', async () => {
    await expectRefused([`${COOKIE}=${await signSession(h.key, { nowSec, claims: { iss: 'https://evil.example/auth' } })}`]);
  });

  it('wrong audience', async () => {
    await expectRefused([`${COOKIE}=${await signSession(h.key, { nowSec, claims: { aud: 'stride-admin' } })}`]);
  });

  it('unknown kid', async () => {
    await expectRefused([`${COOKIE}=${await signSession(h.strangerKey, { nowSec })}`]);
  });

  it('a known kid on a token signed by another key', async () => {
    await expectRefused([`${COOKIE}=${await signSession(h.strangerKey, { nowSec, kid: h.key.kid })}`]);
  });

  it('tampered payload (another subject, original signature)', async () => {
    await expectRefused([`${COOKIE}=${tamperPayload(h.validToken, { sub: 'admin' })}`]);
  });

  it('tampered payload (extended expiry, original signature)', async () => {
    await expectRefused([`${COOKIE}=${tamperPayload(h.validToken, { exp: nowSec + 10 * 365 * 86400 })}`]);
  });

  it('truncated signature', async () => {
    await expectRefused([`${COOKIE}=${h.validToken.slice(0, -12)}`]);
  });

  it('signature stripped', async () => {
    await expectRefused([`${COOKIE}=${h.validToken.split('.').slice(0, 2).join('.')}.`]);
  });

  it('two stride_session cookies in one header, even if one is valid', async () => {
    await expectRefused([`${COOKIE}=${h.validToken}; ${COOKIE}=garbage`]);
  });

  it('two stride_session cookies in two Cookie headers', async () => {
    await expectRefused([`${COOKIE}=${h.validToken}`, `${COOKIE}=${h.validToken}`]);
  });

  it('an oversized cookie', async () => {
    await expectRefused([`${COOKIE}=${h.validToken}${'A'.repeat(6000)}`]);
  });

  it('an oversized token padded inside the payload', async () => {
    await expectRefused([`${COOKIE}=${await signSession(h.key, { nowSec, claims: { pad: 'x'.repeat(5000) } })}`]);
  });

  it('a non-JWT value', async () => {
    await expectRefused([`${COOKIE}=not-a-token`]);
  });

  it('an empty cookie', async () => {
    await expectRefused([`${COOKIE}=`]);
  });

  it('the token in a similarly named cookie does not count', async () => {
    await expectRefused([`x${COOKIE}=${h.validToken}`]);
  });
});

describe('next never leaves the site', () => {
  const nextOf = async (uri: string, query = ''): Promise<string> => {
    const response = asResponse(await h.run(uri, query));
    const location = headerOf(response, 'location') ?? '';
    expect(isSameSiteLocation(location), location).toBe(true);
    if (response.status !== '302' || !location.startsWith('/login?next=')) return location;
    const next = decodeURIComponent(location.slice('/login?next='.length));
    expect(isSameSiteLocation(next), next).toBe(true);
    return next;
  };

  it('//evil.example as the path collapses and stays on the site', async () => {
    // `//evil.example/watch/x` is the path /evil.example/watch/x here: a 404, never a redirect off-site.
    const result = await h.run('//evil.example/watch/x');
    expect(asRequest(result).uri).toBe('/404.html');
    expect(await nextOf('//watch/x')).toBe('/watch/x');
  });

  it('/\\evil is refused outright', async () => {
    expect(asResponse(await h.run('/\\evil.example/watch')).status).toBe('400');
    expect(asResponse(await h.run('/%5Cevil.example')).status).toBe('400');
  });

  it('https: in the path stays a path', async () => {
    expect(await nextOf('/watch/https:')).toBe('/watch/https:');
  });

  it('a next=//evil.example in the query is only a query of the same-site path', async () => {
    expect(await nextOf('/watch/x', 'next=//evil.example')).toBe('/watch/x?next=//evil.example');
  });

  it('encoded CR/LF in the path is refused, and in the query stays encoded', async () => {
    expect(asResponse(await h.run('/watch/x%0D%0ALocation:%20https://evil.example')).status).toBe('400');
    const location = headerOf(asResponse(await h.run('/watch/x', 'a=%0D%0ALocation:%20https://evil.example')), 'location') ?? '';
    expect(location).not.toMatch(/[\r\n]/);
  });

  it('raw CR/LF or spaces in a query never reach a Location header', async () => {
    const location = headerOf(asResponse(await h.run('/watch/x', 'a=1\r\nSet-Cookie: x=1')), 'location') ?? '';
    expect(location).not.toMatch(/[\r\n ]/);
    const canonical = headerOf(asResponse(await h.run('/programs/hiit-30/', 'a=1\r\nSet-Cookie: x=1')), 'location') ?? '';
    expect(canonical).toBe('/programs/hiit-30?a=1%0D%0ASet-Cookie:%20x=1');
  });

  it('isSameSiteLocation refuses every off-site form', () => {
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'https:',
      'javascript:alert(1)',
      '/x\r\nLocation: //evil',
      '',
      'evil.example',
      '\\\\evil',
    ]) {
      expect(isSameSiteLocation(bad), bad).toBe(false);
    }
    for (const good of ['/', '/login?next=%2Fwatch%2Fx', '/programs/hiit-30?a=1']) expect(isSameSiteLocation(good), good).toBe(true);
  });
});

describe('the verified-token cache', () => {
  it('a remembered token still expires on time', async () => {
    const { createSessionVerifier } = await import('./session');
    const verify = createSessionVerifier({ jwks: { keys: [h.key.publicJwk] }, issuer: ISSUER, audience: AUDIENCE, cookieName: COOKIE });
    const token = await signSession(h.key, { nowSec }); // exp = now + 3600
    expect((await verify([token], NOW_MS)).valid).toBe(true);
    expect((await verify([token], NOW_MS + 1000)).valid).toBe(true);
    expect(await verify([token], NOW_MS + (3600 + 31) * 1000)).toEqual({ valid: false, reason: 'ERR_JWT_EXPIRED' });
  });

  it('a remembered token is not valid before its nbf', async () => {
    const { createSessionVerifier } = await import('./session');
    const verify = createSessionVerifier({ jwks: { keys: [h.key.publicJwk] }, issuer: ISSUER, audience: AUDIENCE, cookieName: COOKIE });
    const token = await signSession(h.key, { nowSec, claims: { nbf: nowSec } });
    expect((await verify([token], NOW_MS)).valid).toBe(true);
    expect((await verify([token], NOW_MS - 120_000)).valid).toBe(false);
  });

  it('a token one byte away from a remembered one is verified afresh and refused', async () => {
    expect(asRequest(await h.run('/watch/w-1', '', {}, { cookies: [`${COOKIE}=${h.validToken}`] })).uri).toBe('/watch/index.html');
    // Change a character well inside the signature: the last base64url character of a
    // 256-byte signature carries 4 padding bits, so altering it may not change a single byte.
    const at = h.validToken.length - 8;
    const changed = h.validToken[at] === 'A' ? 'B' : 'A';
    await expectRefused([`${COOKIE}=${h.validToken.slice(0, at)}${changed}${h.validToken.slice(at + 1)}`]);
  });

  it('stays bounded: the least recently used token is forgotten, then verified again', async () => {
    const { createSessionVerifier, VERIFIED_CACHE_SIZE } = await import('./session');
    const verify = createSessionVerifier({ jwks: { keys: [h.key.publicJwk] }, issuer: ISSUER, audience: AUDIENCE, cookieName: COOKIE });
    const tokens = await Promise.all(
      Array.from({ length: VERIFIED_CACHE_SIZE + 2 }, (_, i) => signSession(h.key, { nowSec, claims: { sub: `user-${i}` } })),
    );
    for (const token of tokens) expect((await verify([token], NOW_MS)).valid).toBe(true);
    // The first token was evicted; it is still valid (verified again with the key).
    expect(await verify([tokens[0] ?? ''], NOW_MS)).toEqual({ valid: true, subject: 'user-0' });
  });
});
