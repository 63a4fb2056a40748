import { expect, test } from '../fixtures';

test.describe('browsing the prerendered site', () => {
  test('the home page content is in the HTML, without JavaScript', async ({ browser, stack }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, baseURL: stack.siteUrl });
    const page = await context.newPage();
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { name: 'All programs' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Morning Yoga Flow' })).toBeVisible();
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

    await page.getByRole('link', { name: 'Morning Yoga Flow' }).click();

    await expect(page).toHaveURL(/\/programs\/morning-yoga$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Morning Yoga Flow' })).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: 'Sun Salutation Basics' })).toBeVisible();
    await expect(page).toHaveTitle('Morning Yoga Flow · Stride');
    expect(await page.evaluate(() => (window as unknown as Record<string, string>).strideMarker)).toBe('same-document');
  });

  test('a program page loaded directly hydrates and links back home', async ({ page }) => {
    await page.goto('/programs/hiit-30');
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
    await expect(page.getByRole('heading', { level: 1, name: 'HIIT 30' })).toBeVisible();
    await page.getByRole('link', { name: 'Stride', exact: true }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { name: 'All programs' })).toBeVisible();
  });

  test('the API answers through the CDN from us-east-1', async ({ request }) => {
    const response = await request.get('/api/ping');
    expect(response.status()).toBe(200);
    expect(response.headers()['x-stride-region']).toBe('us-east-1');
    expect(await response.json()).toEqual({ status: 'ok', region: 'us-east-1' });
  });
});
