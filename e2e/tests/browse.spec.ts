import { expect, test } from '../fixtures';

test.describe('browsing the prerendered site', () => {
  test('the home page content is in the HTML, without JavaScript', async ({ browser, stack }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, baseURL: stack.siteUrl });
    const page = await context.newPage();
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { name: 'All programs' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'All programs' }).getByRole('link', { name: 'Morning Yoga Flow' })).toBeVisible();
    // Launched programs, newest first; the one still to launch is badged in the full list instead.
    const newest = page.getByRole('region', { name: 'Newly launched' }).getByRole('listitem');
    await expect(newest).toHaveCount(4);
    await expect(newest.filter({ hasText: 'Indoor Cycling' })).toHaveCount(0);
    await expect(
      page.getByRole('region', { name: 'All programs' }).getByRole('listitem').filter({ hasText: 'Indoor Cycling' }),
    ).toContainText('Coming');
    await expect(page).toHaveTitle('Stride');
    await context.close();
  });

  test('a program link navigates client-side to the program page', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
    // A marker on window survives only if the navigation stays in the same document.
    await page.evaluate(() => {
      (window as unknown as Record<string, string>).strideMarker = 'same-document';
    });

    await page.getByRole('region', { name: 'All programs' }).getByRole('link', { name: 'Morning Yoga Flow' }).click();

    await expect(page).toHaveURL(/\/programs\/morning-yoga$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Morning Yoga Flow' })).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: 'Sun Salutation Basics' })).toBeVisible();
    await expect(page).toHaveTitle('Morning Yoga Flow · Stride');
    expect(await page.evaluate(() => (window as unknown as Record<string, string>).strideMarker)).toBe('same-document');
  });

  test('a program page carries only its own program; going home loads the home page data once', async ({ page }) => {
    const response = await page.goto('/programs/hiit-30');
    // The page's state holds its own program, not the whole catalog's summaries.
    const html = (await response?.text()) ?? '';
    expect(html).toContain('HIIT 30');
    expect(html).not.toContain('Morning Yoga Flow');
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
    await expect(page.getByRole('heading', { level: 1, name: 'HIIT 30' })).toBeVisible();

    const homeDataRequests: string[] = [];
    page.on('request', (r) => {
      // The app's own fetches only (not a browser revalidating a cached copy), programs aside.
      if (r.resourceType() === 'fetch' && new URL(r.url()).pathname.startsWith('/data/') && !r.url().includes('/data/programs/'))
        homeDataRequests.push(new URL(r.url()).pathname);
    });
    await page.getByRole('link', { name: 'Stride', exact: true }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { name: 'All programs' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'All programs' }).getByRole('link', { name: 'Morning Yoga Flow' })).toBeVisible();
    // Back to the program and home again: the home page's programs are in the store now.
    await page.getByRole('region', { name: 'All programs' }).getByRole('link', { name: 'HIIT 30' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'HIIT 30' })).toBeVisible();
    await page.getByRole('link', { name: 'Stride', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'All programs' })).toBeVisible();
    expect(homeDataRequests).toEqual(['/data/home.json']);
  });

  test('"All programs" loads a page at a time, and focus moves to the first program that arrives', async ({ page }) => {
    // The real catalog fits on one page, so a 30-program catalog is served in place of the
    // home page data and the second listing page (cards reuse a real poster).
    const summary = (i: number) => ({
      slug: `bench-${i}`,
      title: `Bench Program ${i}`,
      tagline: 'A program from a larger catalog',
      trainer: 'Coach',
      level: 'beginner',
      featured: i === 0,
      launchAt: '2026-01-01T00:00:00Z',
      workoutCount: 3,
      totalDurationSec: 5400,
      poster: { src: '/posters/hiit-30.svg', width: 1600, height: 900, alt: `Bench Program ${i} poster` },
    });
    const first = Array.from({ length: 24 }, (_, i) => summary(i));
    await page.route('**/data/home.json', (route) =>
      route.fulfill({
        json: { summaries: first, listing: { slugs: first.map((p) => p.slug), total: 30, pageSize: 24, featured: 'bench-0' } },
      }),
    );
    await page.route('**/data/listing/1.json', (route) =>
      route.fulfill({ json: { page: 1, summaries: Array.from({ length: 6 }, (_, i) => summary(24 + i)) } }),
    );

    await page.goto('/programs/hiit-30');
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
    await page.getByRole('link', { name: 'Stride', exact: true }).click();
    const all = page.getByRole('region', { name: 'All programs' });
    await expect(all.getByRole('listitem')).toHaveCount(24);
    await expect(all.getByText('Showing 24 of 30 programs')).toBeVisible();

    await all.getByRole('button', { name: 'Show more programs' }).press('Enter');
    await expect(all.getByRole('listitem')).toHaveCount(30);
    await expect(all.getByRole('link', { name: 'Bench Program 24' })).toBeFocused();
    await expect(all.getByRole('button', { name: 'Show more programs' })).toHaveCount(0);
  });

  test('the API answers through the CDN from us-east-1', async ({ request }) => {
    const response = await request.get('/api/ping');
    expect(response.status()).toBe(200);
    expect(response.headers()['x-stride-region']).toBe('us-east-1');
    expect(await response.json()).toEqual({ status: 'ok', region: 'us-east-1' });
  });
});
