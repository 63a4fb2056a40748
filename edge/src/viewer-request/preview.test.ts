import { PREVIEW_AUDIENCE, PREVIEW_COOKIE, PREVIEW_MAX_TTL_SEC } from '@stride/contract/preview';
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { asRequest, asResponse, headerOf, makeHarness, type Harness } from './fixtures/harness';
import { NOW_MS } from './fixtures/manifest';
import { COOKIE, ISSUER, type TestKey } from './fixtures/tokens';

const NOW_SEC = Math.floor(NOW_MS / 1000);
const LAUNCH = Date.parse('2027-02-01T06:00:00Z');

/** A preview as the launch CLI signs it: the session key, audience `stride-preview`, `prg` and `asof`. */
async function signPreview(
  key: TestKey,
  claims: { prg?: unknown; asof?: unknown },
  options: { iat?: number; exp?: number; aud?: string; iss?: string } = {},
): Promise<string> {
  const iat = options.iat ?? NOW_SEC;
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setIssuer(options.iss ?? ISSUER)
    .setAudience(options.aud ?? PREVIEW_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(options.exp ?? iat + 3600)
    .sign(key.privateKey);
}

let h: Harness;
let cycling: string;
beforeAll(async () => {
  h = await makeHarness();
  cycling = await signPreview(h.key, { prg: 'indoor-cycling', asof: LAUNCH / 1000 });
});

const withPreview = (token: string, extra = '') => ({ cookies: [`${extra}${PREVIEW_COOKIE}=${token}`] });

describe('a preview link', () => {
  it("keeps its token in an HttpOnly cookie for the token's life and reloads the page without it, keeping the rest of the query", async () => {
    const response = asResponse(await h.run('/programs/indoor-cycling', `utm_source=mail&preview=${cycling}&x=1`));
    expect(response.status).toBe('302');
    expect(headerOf(response, 'location')).toBe('/programs/indoor-cycling?utm_source=mail&x=1');
    expect(headerOf(response, 'set-cookie')).toBe(`${PREVIEW_COOKIE}=${cycling}; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax; Secure`);
    expect(headerOf(response, 'cache-control')).toBe('no-store');
    expect(headerOf(response, 'referrer-policy')).toBe('no-referrer');
  });

  it.each([
    [
      'expired',
      async () => signPreview(h.key, { prg: 'indoor-cycling', asof: LAUNCH / 1000 }, { iat: NOW_SEC - 7200, exp: NOW_SEC - 3600 }),
      /has expired/,
    ],
    [
      'signed by a key the edge does not know',
      async () => signPreview(h.strangerKey, { prg: 'indoor-cycling', asof: LAUNCH / 1000 }),
      /not valid/,
    ],
    ['a session, not a preview', async () => h.validToken, /not valid \(.*aud/i],
    ['naming no program', async () => signPreview(h.key, { asof: LAUNCH / 1000 }), /names no program/],
    ['without its instant', async () => signPreview(h.key, { prg: 'indoor-cycling' }), /no as-of instant/],
    [
      'lasting longer than a week',
      async () => signPreview(h.key, { prg: 'indoor-cycling', asof: 1 }, { exp: NOW_SEC + PREVIEW_MAX_TTL_SEC + 60 }),
      /longer than a week/,
    ],
    ['not a JWT', async () => 'not-a-token', /not valid/],
  ])('%s is refused with 403 saying so and what to do, and sets no cookie', async (_what, token, reason) => {
    const response = asResponse(await h.run('/programs/indoor-cycling', `preview=${await token()}`));
    expect(response.status).toBe('403');
    expect(response.body).toMatch(reason);
    expect(response.body).toMatch(/npm run launch -- preview/);
    expect(headerOf(response, 'set-cookie')).toBeUndefined();
  });

  it('carrying two tokens is refused', async () => {
    const response = asResponse(await h.run('/programs/indoor-cycling', `preview=${cycling}&preview=${cycling}`));
    expect(response.status).toBe('403');
    expect(response.body).toMatch(/more than one/);
  });
});

describe('the holder of a preview', () => {
  it("sees the program's page, TV page and page data as of the preview's instant, before launch", async () => {
    expect(asRequest(await h.run('/programs/indoor-cycling', '', {}, withPreview(cycling, 'theme=dark; '))).uri).toBe(
      '/programs/indoor-cycling/index.html',
    );
    expect(asRequest(await h.run('/data/programs/indoor-cycling.json', '', {}, withPreview(cycling))).uri).toBe(
      '/data/programs/indoor-cycling.json',
    );
  });

  it('nobody else does: without the cookie, the page is coming soon and its data is held back', async () => {
    expect(asRequest(await h.run('/programs/indoor-cycling')).uri).toBe('/programs/indoor-cycling/coming-soon/index.html');
    expect(asRequest(await h.run('/data/programs/indoor-cycling.json')).uri).toBe('/404.html');
  });

  it('sees the site as it is for every other program', async () => {
    // hiit-30 launched in January 2026; a preview of cycling does not move its clock.
    const before = await signPreview(h.key, { prg: 'hiit-30', asof: Date.parse('2025-12-01T00:00:00Z') / 1000 });
    expect(asRequest(await h.run('/programs/hiit-30', '', {}, withPreview(cycling))).uri).toBe('/programs/hiit-30/index.html');
    // A preview of hiit-30 as of December 2025 shows it as it was then: coming soon.
    expect(asRequest(await h.run('/programs/hiit-30', '', {}, withPreview(before))).uri).toBe('/programs/hiit-30/coming-soon/index.html');
    expect(asRequest(await h.run('/programs/indoor-cycling', '', {}, withPreview(before))).uri).toBe(
      '/programs/indoor-cycling/coming-soon/index.html',
    );
  });

  it('as of an instant before the launch sees it coming soon, as everyone would then', async () => {
    const early = await signPreview(h.key, { prg: 'indoor-cycling', asof: (LAUNCH - 60_000) / 1000 });
    expect(asRequest(await h.run('/programs/indoor-cycling', '', {}, withPreview(early))).uri).toBe(
      '/programs/indoor-cycling/coming-soon/index.html',
    );
  });

  it('is still held to the licence: a preview is not a way around a territory', async () => {
    const strength = await signPreview(h.key, { prg: 'strength-foundations', asof: LAUNCH / 1000 });
    expect(
      asRequest(await h.run('/programs/strength-foundations', '', { 'CloudFront-Viewer-Country': 'FR' }, withPreview(strength))).uri,
    ).toBe('/451.html');
  });

  it("once the cookie's token has expired, or with a forged one, sees the site as everyone does", async () => {
    const expired = await signPreview(h.key, { prg: 'indoor-cycling', asof: LAUNCH / 1000 }, { iat: NOW_SEC - 7200, exp: NOW_SEC - 3600 });
    const forged = await signPreview(h.strangerKey, { prg: 'indoor-cycling', asof: LAUNCH / 1000 });
    for (const token of [expired, forged, h.validToken])
      expect(asRequest(await h.run('/programs/indoor-cycling', '', {}, withPreview(token))).uri).toBe(
        '/programs/indoor-cycling/coming-soon/index.html',
      );
  });

  it('is not signed in by it: a preview in the session cookie opens no protected page', async () => {
    const response = asResponse(await h.run('/account', '', {}, { cookies: [`${COOKIE}=${cycling}`] }));
    expect(response.status).toBe('302');
    expect(headerOf(response, 'location')).toMatch(/^\/login\?next=/);
  });
});
