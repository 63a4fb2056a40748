import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, signInWith, test } from '../fixtures';
import { ensurePlaying } from '../viewer-steps';

// A preview link (npm run launch -- preview) in a real browser: its holder sees a program before
// its launch, as of the launch, and a subscriber can play it; another browser sees "Coming soon".
// The link is signed by the stack's console, as the launch CLI has it signed locally.
const SLUG = 'indoor-cycling-endurance';
const launchAt = (
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '..', '..', 'web', 'content', 'programs', `${SLUG}.json`), 'utf8')) as {
    launchAt: string;
  }
).launchAt;

async function previewLink(consoleUrl: string, siteUrl: string): Promise<string> {
  const response = await fetch(`${consoleUrl}/api/previews`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ program: SLUG, asOf: launchAt, expiresAt: new Date(Date.now() + 30 * 60_000).toISOString() }),
  });
  expect(response.status).toBe(201);
  const { token } = (await response.json()) as { token: string };
  return `${siteUrl}/programs/${SLUG}?preview=${token}`;
}

test.describe('a preview link', () => {
  // Another browser without the link asks to play and is refused "not launched" (403): expected there only.
  test.use({ expectedResponseErrors: [{ status: 403, url: /\/api\/(region\/\w+\/)?playback\/w-cycling-01$/ }] });

  test('shows its holder the program as of its launch, and a subscriber plays it; nobody else sees it', async ({
    page,
    browser,
    stack,
    viewer,
  }) => {
    await signInWith(page, viewer);

    await page.goto(await previewLink(stack.consoleUrl, stack.siteUrl));
    // The token leaves the address bar: it is kept in an HttpOnly cookie.
    await expect(page).toHaveURL(new RegExp(`/programs/${SLUG}$`));
    await expect(page.getByRole('heading', { level: 1, name: 'Indoor Cycling: Endurance Block' })).toBeVisible();
    await expect(page.getByText('Coming soon', { exact: true })).toHaveCount(0);
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
    await page
      .getByRole('link', { name: /Ramp Test/ })
      .first()
      .click();
    await expect(page).toHaveURL(/\/watch\/w-cycling-01$/);
    await ensurePlaying(page.getByRole('region', { name: /^Video player/ }));

    // Another browser, the same subscriber, no link: the program is coming soon and does not play.
    const other = await browser.newContext({ baseURL: stack.siteUrl });
    try {
      const elsewhere = await other.newPage();
      await signInWith(elsewhere, viewer);
      await elsewhere.goto(`/programs/${SLUG}`);
      await expect(elsewhere.getByText('Coming soon', { exact: true })).toBeVisible();
      await expect(elsewhere.getByText('Ramp Test')).toHaveCount(0);
      await elsewhere.goto('/watch/w-cycling-01');
      await expect(elsewhere.getByRole('region', { name: /^Video player/ }).getByRole('alert')).toContainText(/not available yet|February/);
    } finally {
      await other.close();
    }
  });

  test('that has been tampered with is refused, saying so and what to do', async ({ page, stack }) => {
    const link = await previewLink(stack.consoleUrl, stack.siteUrl);
    const tampered = `${link.slice(0, -4)}AAAA`;
    const response = await page.request.get(tampered, { maxRedirects: 0 });
    expect(response.status()).toBe(403);
    expect(await response.text()).toMatch(/Preview refused: this preview link is not valid .*npm run launch -- preview/);
  });
});
