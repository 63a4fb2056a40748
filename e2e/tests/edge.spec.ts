import { request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';
import { importJWK, SignJWT, type JWK } from 'jose';
import { SESSION_AUDIENCE, SESSION_COOKIE, SESSION_ISSUER } from '@stride/contract/session';
import { sessionKeyPaths } from '@stride/infra/session-keys';
import { expect, signInWith, test } from '../fixtures';
import { LOCAL_VIEWER_COUNTRY_HEADER } from '@stride/infra/local-viewer-facts';

// The edge bundles (edge/dist) as the local CloudFront runs them: viewer-request decides who
// sees what, origin-response sets status pages' codes and the security and cache headers.

/**
 * A session as the API signs it, with the local signing key the edge build baked the JWKS of. With
 * a real account as its subject, the player's own API calls after hydration are answered.
 */
async function sessionToken(subject: string): Promise<string> {
  const jwk = JSON.parse(readFileSync(sessionKeyPaths.privateJwk, 'utf8')) as JWK & { kid: string };
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: 'JWT' })
    .setIssuer(SESSION_ISSUER)
    .setAudience(SESSION_AUDIENCE)
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(await importJWK(jwk, 'RS256'));
}

/** A raw GET: browsers and Playwright normalize `..` and `%2e%2e` away before sending. */
function rawGet(
  siteUrl: string,
  rawPath: string,
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  const url = new URL(siteUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * A page in its own context that records console and page errors, so a test of a status page can
 * ignore exactly the browser's report of that document's own status and nothing else.
 */
async function pageWithoutStatusErrors(browser: Browser, baseURL: string, extraHTTPHeaders: Record<string, string> = {}) {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  return {
    page,
    context,
    close: () => context.close(),
    errors: (status: number) =>
      problems.filter((p) => !p.startsWith(`Failed to load resource: the server responded with a status of ${status} `)),
  };
}

test.describe('edge: auth, routing and headers through the local CloudFront', () => {
  test('a signed-out /watch/<id> gets 302 to /login with next, uncached', async ({ request }) => {
    const response = await request.get('/watch/w-hiit30-01?t=30', { maxRedirects: 0 });
    expect(response.status()).toBe(302);
    expect(response.headers().location).toBe('/login?next=%2Fwatch%2Fw-hiit30-01%3Ft%3D30');
    expect(response.headers()['cache-control']).toBe('no-store');
  });

  test('a signed-out viewer lands on the sign-in page, which hydrates cleanly', async ({ page }) => {
    await page.goto('/account');
    await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  });

  test('a signed-in viewer gets the player shell at any /watch/<id>', async ({ page, context, stack, workerViewer }) => {
    await context.addCookies([{ name: SESSION_COOKIE, value: await sessionToken(workerViewer.id), url: stack.siteUrl }]);
    const response = await page.goto('/watch/w-hiit30-01');
    expect(response?.status()).toBe(200);
    // One prerendered shell for every id: its own title names no workout.
    expect(await response?.text()).toContain('<title>Player · Stride</title>');
    const player = page.getByRole('region', { name: /^Video player/ });
    await expect(player).toBeVisible();
    await expect(player.getByRole('button', { name: /^(Play|Pause)\b/ })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
    await expect(page).toHaveTitle('Tabata Foundations · Stride');
  });

  test('a session from the real sign-in API opens /watch, and sign-out closes it again', async ({ page, workerViewer }) => {
    // The API (issue 4) signs, the edge verifies: this is the contract between them, end to end.
    await signInWith(page, workerViewer);
    const response = await page.goto('/watch/w-hiit30-01');
    expect(response?.status()).toBe(200);
    const player = page.getByRole('region', { name: /^Video player/ });
    await expect(player).toBeVisible();
    await expect(player.getByRole('button', { name: /^(Play|Pause)\b/ })).toBeVisible();
    // Leave the player first: signing out expires the media cookies, and a player still
    // fetching playlists would (rightly) get 403s that the page-error fixture counts.
    await page.goto('about:blank');
    await page.request.post('/api/auth/logout');
    const after = await page.request.get('/watch/w-hiit30-01', { maxRedirects: 0 });
    expect(after.status()).toBe(302);
  });

  test('a forged session cookie is refused', async ({ request }) => {
    // A well-signed session whose claims are then swapped: the subject does not matter.
    const token = await sessionToken('u-any');
    const [h, p] = token.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ sub: 'admin', iss: SESSION_ISSUER, aud: SESSION_AUDIENCE, exp: 4102444800 })).toString('base64url')}.${token.split('.')[2]}`;
    expect(p).not.toBe(forged.split('.')[1]);
    const response = await request.get('/watch/w-hiit30-01', { maxRedirects: 0, headers: { cookie: `${SESSION_COOKIE}=${forged}` } });
    expect(response.status()).toBe(302);
  });

  test('an unknown path gets the 404 page with status 404, and it hydrates', async ({ browser, stack }) => {
    // Its own page: Chromium reports the document's own 404 as a console error, which the shared
    // fixture counts; every other console error still fails this test.
    const { page, close, errors } = await pageWithoutStatusErrors(browser, stack.siteUrl);
    const response = await page.goto('/no/such/page');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
    expect(errors(404)).toEqual([]);
    await close();
  });

  test('trailing-slash and case variants get one 301 to the canonical page', async ({ request }) => {
    for (const variant of ['/programs/hiit-30/', '/Programs/HIIT-30']) {
      const response = await request.get(`${variant}?utm_source=mail`, { maxRedirects: 0 });
      expect(response.status(), variant).toBe(301);
      expect(response.headers().location).toBe('/programs/hiit-30?utm_source=mail');
    }
    expect((await request.get('/programs/hiit-30?utm_source=mail', { maxRedirects: 0 })).status()).toBe(200);
  });

  test('path traversal gets 400 with a reason', async ({ stack }) => {
    for (const raw of ['/programs/%2e%2e/account', '/programs/%252e%252e/account', '/programs/..%5c..%5cwatch', '/a/../watch/x']) {
      const response = await rawGet(stack.siteUrl, raw);
      expect(response.status, raw).toBe(400);
      expect(response.body, raw).toMatch(/^Bad request: /);
    }
  });

  test('a vanity path redirects to its program, keeping the query', async ({ request }) => {
    const response = await request.get('/go/hiit?utm_campaign=spring', { maxRedirects: 0 });
    expect(response.status()).toBe(302);
    expect(response.headers().location).toBe('/programs/hiit-30?utm_campaign=spring');
  });

  test('pages carry the security headers and short edge caching; hashed assets are immutable', async ({ page, request }) => {
    const response = await request.get('/programs/hiit-30');
    const headers = response.headers();
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['permissions-policy']).toContain('camera=()');
    expect(headers['cache-control']).toContain('stale-while-revalidate');

    await page.goto('/programs/hiit-30');
    const script = await page.locator('script[type="module"][src^="/assets/"]').first().getAttribute('src');
    expect(script).toBeTruthy();
    expect((await request.get(script ?? '')).headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  test('the app hydrates and navigates under the CSP without violations', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
    await page.getByRole('link', { name: 'HIIT 30' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'HIIT 30' })).toBeVisible();
    expect(violations).toEqual([]);
  });

  test('a program before its launch is served as its coming-soon page, which hydrates', async ({ page }) => {
    const response = await page.goto('/programs/indoor-cycling-endurance');
    expect(response?.status()).toBe(200);
    await expect(page.getByText('Coming soon', { exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Indoor Cycling: Endurance Block' })).toBeVisible();
    await expect(page.getByText('Ramp Test')).toHaveCount(0);
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  });

  test('an unlaunched program’s page data is held back, and client-side navigation shows it as coming soon', async ({ page, request }) => {
    expect((await request.get('/data/programs/indoor-cycling-endurance.json')).status()).toBe(404);
    expect((await request.get('/data/programs/hiit-30.json')).status()).toBe(200);
    // Its full page object asked for by key is the pretty URL again, under the same rules.
    const byKey = await request.get('/programs/indoor-cycling-endurance/index.html', { maxRedirects: 0 });
    expect(byKey.status()).toBe(301);
    expect(byKey.headers().location).toBe('/programs/indoor-cycling-endurance');

    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
    await page.getByRole('link', { name: 'Indoor Cycling: Endurance Block' }).first().click();
    await expect(page).toHaveURL(/\/programs\/indoor-cycling-endurance$/);
    await expect(page.getByText('Coming soon', { exact: true })).toBeVisible();
    await expect(page.getByText('Ramp Test')).toHaveCount(0);
  });

  test('a viewer outside a program’s licensed countries gets the 451 page', async ({ browser, stack }) => {
    // The local CloudFront passes the viewer's headers through; real CloudFront sets this one itself.
    const { page, context, close, errors } = await pageWithoutStatusErrors(browser, stack.siteUrl, { [LOCAL_VIEWER_COUNTRY_HEADER]: 'DE' });
    const response = await page.goto('/programs/run-club-5k');
    expect(response?.status()).toBe(451);
    await expect(page.getByRole('heading', { level: 1, name: 'Not available in your country' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
    await expect(page).toHaveTitle('Not available in your country · Stride');
    expect(errors(451)).toEqual([]);
    const licensed = await context.request.get('/programs/run-club-5k', { headers: { [LOCAL_VIEWER_COUNTRY_HEADER]: 'US' } });
    expect(licensed.status()).toBe(200);
    await close();
  });

  test('client-side navigation to a program not licensed where the viewer is shows the 451 page', async ({ browser, stack }) => {
    const { page, close, errors } = await pageWithoutStatusErrors(browser, stack.siteUrl, { [LOCAL_VIEWER_COUNTRY_HEADER]: 'DE' });
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
    const refused = page.waitForResponse((r) => new URL(r.url()).pathname === '/data/programs/run-club-5k.json');
    await page.getByRole('region', { name: 'All programs' }).getByRole('link', { name: 'Run Club: Couch to 5K' }).click();
    expect((await refused).status()).toBe(451);
    await expect(page).toHaveURL(/\/programs\/run-club-5k$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Not available in your country' })).toBeVisible();
    await expect(page).toHaveTitle('Not available in your country · Stride');
    await expect(page.getByText('Week 1: Run-Walk Intervals')).toHaveCount(0);
    // Elsewhere the site works as usual.
    await page.getByRole('link', { name: 'Stride', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'All programs' })).toBeVisible();
    expect(errors(451)).toEqual([]);
    await close();
  });

  test('?device=tv is remembered in a cookie and the page reloads without it', async ({ request }) => {
    const response = await request.get('/programs/hiit-30?device=tv', { maxRedirects: 0 });
    expect(response.status()).toBe(302);
    expect(response.headers().location).toBe('/programs/hiit-30');
    expect(response.headers()['set-cookie']).toMatch(/^stride_device=tv;/);
  });
});
