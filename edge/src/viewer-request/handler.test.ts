import { beforeAll, describe, expect, it } from 'vitest';
import { testManifest } from './fixtures/manifest';
import { asRequest, asResponse, headerOf, makeHarness, type Harness } from './fixtures/harness';
import { COOKIE } from './fixtures/tokens';
import { viewerRequestEvent } from './fixtures/events';
import { createViewerRequestHandler } from './handler';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});

const signedIn = () => ({ cookies: [`theme=dark; ${COOKIE}=${h.validToken}`] });
const uriOf = async (uri: string, querystring = '', headers: Record<string, string> = {}, signed = false) =>
  asRequest(await h.run(uri, querystring, headers, signed ? signedIn() : {})).uri;

describe('routing from the manifest', () => {
  it('rewrites the home page and a pretty program URL to their objects, keeping query and headers', async () => {
    expect(await uriOf('/')).toBe('/index.html');
    const request = asRequest(await h.run('/programs/hiit-30', 'utm_source=mail'));
    expect(request.uri).toBe('/programs/hiit-30/index.html');
    expect(request.querystring).toBe('utm_source=mail');
    expect(request.headers.host?.[0]?.value).toBe('d111111abcdef8.cloudfront.net');
  });

  it('serves a path that is no route as the 404 page object (origin-response gives it status 404)', async () => {
    expect(await uriOf('/no/such/page')).toBe('/404.html');
    expect(await uriOf('/programs/unknown-program')).toBe('/404.html');
  });

  it('passes built assets, page data and files through to the bucket as requested', async () => {
    expect(await uriOf('/assets/index-abc123.js')).toBe('/assets/index-abc123.js');
    expect(await uriOf('/data/programs/hiit-30.json')).toBe('/data/programs/hiit-30.json');
    expect(await uriOf('/favicon.svg')).toBe('/favicon.svg');
  });

  it('passes /api and /media to their origins without auth or redirects, even signed out', async () => {
    expect(await uriOf('/api/playback/w-1')).toBe('/api/playback/w-1');
    expect(await uriOf('/api')).toBe('/api');
    expect(await uriOf('/media/sample/master.m3u8')).toBe('/media/sample/master.m3u8');
  });
});

describe('canonical form', () => {
  it.each([
    ['/programs/hiit-30/', '/programs/hiit-30'],
    ['/Programs/HIIT-30', '/programs/hiit-30'],
    ['/programs//hiit-30', '/programs/hiit-30'],
    ['/programs/hiit%2D30', '/programs/hiit-30'],
    ['/LOGIN/', '/login'],
  ])('%s answers one 301 to %s, keeping the query', async (from, to) => {
    const response = asResponse(await h.run(from, 'a=1&b=2'));
    expect(response.status).toBe('301');
    expect(headerOf(response, 'location')).toBe(`${to}?a=1&b=2`);
    // The target is already canonical: no second redirect, no loop.
    expect(asRequest(await h.run(to, 'a=1&b=2')).uri).toMatch(/\.html$/);
  });

  it('keeps the case of a pattern parameter while fixing the literal segments', async () => {
    const response = asResponse(await h.run('/WATCH/W-Abc/'));
    expect(headerOf(response, 'location')).toBe('/watch/W-Abc');
  });
});

describe('traversal and malformed paths', () => {
  it.each([
    '/programs/../account',
    '/%2e%2e/etc/passwd',
    '/programs/%2E%2E/account',
    '/programs/%252e%252e/account',
    '/programs/..%2faccount',
    '/a/./b',
    '/programs\\hiit-30',
    '/programs%5chiit-30',
    '/programs/%00',
    '/programs/%0d%0aSet-Cookie:x=1',
    '/bad%zzencoding',
    '/%E0%A4%A',
    'programs/hiit-30',
  ])('%s → 400 with a reason, no redirect', async (uri) => {
    const response = asResponse(await h.run(uri));
    expect(response.status).toBe('400');
    expect(response.body).toMatch(/^Bad request: /);
    expect(headerOf(response, 'location')).toBeUndefined();
    expect(headerOf(response, 'cache-control')).toBe('no-store');
  });

  it('answers 414 for an absurdly long path', async () => {
    expect(asResponse(await h.run(`/${'a'.repeat(3000)}`)).status).toBe('414');
  });
});

describe('vanity redirects', () => {
  it('redirects /go/<name> to its program with the query string kept', async () => {
    const response = asResponse(await h.run('/go/hiit', 'utm_campaign=spring'));
    expect(response.status).toBe('302');
    expect(headerOf(response, 'location')).toBe('/programs/hiit-30?utm_campaign=spring');
  });

  it('matches case and trailing slash variants and honours a 301', async () => {
    const response = asResponse(await h.run('/GO/Yoga/'));
    expect(response.status).toBe('301');
    expect(headerOf(response, 'location')).toBe('/programs/morning-yoga');
  });
});

describe('auth on protected paths', () => {
  it.each([
    ['/watch/w-hiit30-01', '', '/watch/w-hiit30-01'],
    ['/watch/w-hiit30-01', 't=30&lang=en', '/watch/w-hiit30-01?t=30&lang=en'],
    ['/account', '', '/account'],
    ['/account/billing', '', '/account/billing'],
    ['/watch', '', '/watch'],
  ])('signed out, %s?%s → 302 /login with next=%s, not cached', async (uri, query, next) => {
    const response = asResponse(await h.run(uri, query));
    expect(response.status).toBe('302');
    expect(headerOf(response, 'location')).toBe(`/login?next=${encodeURIComponent(next)}`);
    expect(headerOf(response, 'cache-control')).toBe('no-store');
  });

  it('signed in, /watch/<id> gets the player shell and /account its page', async () => {
    expect(await uriOf('/watch/w-hiit30-01', '', {}, true)).toBe('/watch/index.html');
    expect(await uriOf('/account', '', {}, true)).toBe('/account/index.html');
  });

  it('signed in, a protected path that is no route gets the 404 page', async () => {
    expect(await uriOf('/account/nothing-here', '', {}, true)).toBe('/404.html');
    expect(await uriOf('/watch/a/b', '', {}, true)).toBe('/404.html');
  });

  it('accepts tokens from every live key (rotation by kid)', async () => {
    const { signSession } = await import('./fixtures/tokens');
    const token = await signSession(h.nextKey, { nowSec: Math.floor(Date.parse('2026-11-22T12:00:00Z') / 1000) });
    expect(asRequest(await h.run('/watch/w-1', '', {}, { cookies: [`${COOKIE}=${token}`] })).uri).toBe('/watch/index.html');
  });

  it('public pages never ask for a session', async () => {
    expect(await uriOf('/login')).toBe('/login/index.html');
    expect(await uriOf('/programs/morning-yoga')).toBe('/programs/morning-yoga/index.html');
  });
});

describe('devices', () => {
  it.each([
    'Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/4.0 TV Safari/537.36',
    'Mozilla/5.0 (Web0S; Linux/SmartTV) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0 Safari/537.36 WebAppManager',
    'Mozilla/5.0 (Linux; Android 9; AFTMM Build/PS7233) AppleWebKit/537.36 (KHTML, like Gecko) Silk/98.3.1 like Chrome/98.0 Safari/537.36',
    'Mozilla/5.0 (X11; Linux armv7l) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/90.0 Safari/537.36 CrKey/1.56.500000',
    'Mozilla/5.0 (Linux; Andr0id 9; BRAVIA 4K UR2 Build/PTT1.190515.001.S52) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/89.0 Safari/537.36',
    'Opera/9.80 (Linux mips; U; HbbTV/1.1.1 (; Philips; ; ; ; ) CE-HTML/1.0 NETTV/3.2.1; en) Presto/2.6.33 Version/10.70',
    'Roku/DVP-9.10 (519.10E04111A)',
    'Mozilla/5.0 (Linux; VIDAA/6.0(Hisense;SmartTV;55A7100F)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/73.0 Safari/537.36',
  ])('a TV user agent gets the TV variant: %s', async (ua) => {
    expect(await uriOf('/programs/hiit-30', '', { 'User-Agent': ua })).toBe('/tv/programs/hiit-30/index.html');
  });

  it('the cloudfront-is-smarttv-viewer header marks a TV', async () => {
    expect(await uriOf('/programs/hiit-30', '', { 'CloudFront-Is-SmartTV-Viewer': 'true' })).toBe('/tv/programs/hiit-30/index.html');
  });

  it('falls back to the web page where the build emitted no TV variant', async () => {
    expect(await uriOf('/programs/morning-yoga', '', { 'CloudFront-Is-SmartTV-Viewer': 'true' })).toBe('/programs/morning-yoga/index.html');
  });

  it('?device=tv is remembered in a cookie and the page reloads without the parameter', async () => {
    const response = asResponse(await h.run('/programs/hiit-30', 'utm_source=x&device=tv'));
    expect(response.status).toBe('302');
    expect(headerOf(response, 'location')).toBe('/programs/hiit-30?utm_source=x');
    expect(headerOf(response, 'set-cookie')).toMatch(/^stride_device=tv; Path=\/; Max-Age=\d+; SameSite=Lax; Secure$/);
    expect(headerOf(response, 'cache-control')).toBe('no-store');
  });

  it('the device cookie overrides the user agent both ways', async () => {
    expect(asRequest(await h.run('/programs/hiit-30', '', {}, { cookies: ['stride_device=tv'] })).uri).toBe(
      '/tv/programs/hiit-30/index.html',
    );
    expect(asRequest(await h.run('/programs/hiit-30', '', { 'User-Agent': 'Roku/DVP-9.10' }, { cookies: ['stride_device=web'] })).uri).toBe(
      '/programs/hiit-30/index.html',
    );
  });

  it('an unknown ?device value is a 400 naming the parameter', async () => {
    const response = asResponse(await h.run('/programs/hiit-30', 'device=fridge'));
    expect(response.status).toBe('400');
    expect(response.body).toContain('device');
  });
});

describe('countries', () => {
  it('a viewer outside the licensed countries gets the 451 page object', async () => {
    expect(await uriOf('/programs/strength-foundations', '', { 'CloudFront-Viewer-Country': 'DE' })).toBe('/451.html');
  });

  it('a viewer inside them gets the program', async () => {
    expect(await uriOf('/programs/strength-foundations', '', { 'CloudFront-Viewer-Country': 'GB' })).toBe(
      '/programs/strength-foundations/index.html',
    );
  });

  it('fails closed when CloudFront sent no country', async () => {
    expect(await uriOf('/programs/strength-foundations')).toBe('/451.html');
  });

  it('programs without a country list play everywhere', async () => {
    expect(await uriOf('/programs/hiit-30', '', { 'CloudFront-Viewer-Country': 'NZ' })).toBe('/programs/hiit-30/index.html');
  });
});

describe('scheduled launches', () => {
  const launch = Date.parse('2027-02-01T06:00:00Z');
  const at = (ms: number) =>
    createViewerRequestHandler(
      { manifest: testManifest, session: { jwks: { keys: [h.key.publicJwk] }, issuer: 'i', audience: 'a', cookieName: COOKIE } },
      { now: () => ms },
    );

  it('serves the coming-soon variant until launchAt, then the full page, with no rebuild', async () => {
    const before = asRequest(await at(launch - 1)(viewerRequestEvent('/programs/indoor-cycling')));
    const after = asRequest(await at(launch)(viewerRequestEvent('/programs/indoor-cycling')));
    expect(before.uri).toBe('/programs/indoor-cycling/coming-soon/index.html');
    expect(after.uri).toBe('/programs/indoor-cycling/index.html');
  });

  it('licensing applies before launch too', async () => {
    const before = asRequest(
      await at(Date.parse('2026-01-01T00:00:00Z'))(
        viewerRequestEvent('/programs/strength-foundations', '', { 'CloudFront-Viewer-Country': 'FR' }),
      ),
    );
    expect(before.uri).toBe('/451.html');
  });
});

describe('no way around the rules through object keys', () => {
  it('a page object asked for by its key answers one 301 to the pretty URL', async () => {
    expect(headerOf(asResponse(await h.run('/programs/indoor-cycling/index.html')), 'location')).toBe('/programs/indoor-cycling');
    expect(headerOf(asResponse(await h.run('/index.html', 'a=1')), 'location')).toBe('/?a=1');
  });

  it('other HTML objects (coming-soon, TV, status pages) are not served by key', async () => {
    expect(await uriOf('/programs/indoor-cycling/coming-soon/index.html')).toBe('/404.html');
    expect(await uriOf('/tv/programs/hiit-30/index.html')).toBe('/404.html');
    expect(await uriOf('/451.html')).toBe('/404.html');
  });

  it('the player shell object is protected like the page', async () => {
    expect(asResponse(await h.run('/watch/index.html')).status).toBe('302');
  });

  it('page data is held back as the page is: 404 before launch, 451 outside the licence; released data passes', async () => {
    expect(await uriOf('/data/programs/indoor-cycling.json')).toBe('/404.html');
    expect(await uriOf('/data/programs/strength-foundations.json', '', { 'CloudFront-Viewer-Country': 'DE' })).toBe('/451.html');
    // No country header: licensing fails closed.
    expect(await uriOf('/data/programs/strength-foundations.json')).toBe('/451.html');
    expect(await uriOf('/data/programs/strength-foundations.json', '', { 'CloudFront-Viewer-Country': 'US' })).toBe(
      '/data/programs/strength-foundations.json',
    );
  });
});

describe('never throws to CloudFront', () => {
  it('answers 503 to an event without a request record', async () => {
    expect(asResponse(await h.handler({ Records: [] })).status).toBe('503');
    expect(asResponse(await h.handler({} as never)).status).toBe('503');
  });

  it('fails closed with 503 when a rule throws on a protected path', async () => {
    const broken = createViewerRequestHandler(
      { manifest: testManifest, session: { jwks: { keys: [h.key.publicJwk] }, issuer: 'i', audience: 'a', cookieName: COOKIE } },
      {
        now: () => {
          throw new Error('clock broke');
        },
        log: () => undefined,
      },
    );
    const response = asResponse(await broken(viewerRequestEvent('/watch/w-1', '', {}, signedIn())));
    expect(response.status).toBe('503');
    expect(headerOf(response, 'cache-control')).toBe('no-store');
  });

  it('tolerates headers without values and requests without a querystring', async () => {
    const event = viewerRequestEvent('/watch/w-1');
    const request = event.Records[0]?.cf.request as unknown as Record<string, unknown>;
    request.headers = { cookie: [{ key: 'Cookie' }], 'user-agent': [] };
    delete request.querystring;
    expect(asResponse(await h.handler(event)).status).toBe('302');
  });
});

describe('generated responses carry security headers', () => {
  it('a login redirect has HSTS, nosniff and the CSP', async () => {
    const response = asResponse(await h.run('/watch/w-1'));
    expect(headerOf(response, 'strict-transport-security')).toMatch(/max-age=\d+/);
    expect(headerOf(response, 'x-content-type-options')).toBe('nosniff');
    expect(headerOf(response, 'content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
