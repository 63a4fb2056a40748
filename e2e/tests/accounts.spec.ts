import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, signInWith, test } from '../fixtures';
import { ensurePlaying } from '../viewer-steps';

const hydrated = (page: Page) => expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');

async function expectNoSeriousAxeViolations(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const blocking = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(blocking, `axe on ${what}`).toEqual([]);
}

test.describe('viewer accounts', () => {
  test.describe('sign-up', () => {
    // The API refuses the common password with 400, which Chromium logs: that answer is provoked.
    test.use({ expectedResponseErrors: [{ status: 400, url: /\/api\/auth\/signup$/ }] });

    test('signs up on /join, gets a 7-day trial the account page states in words, and plays a workout', async ({ page }, testInfo) => {
      const email = `joiner-w${testInfo.workerIndex}-${Date.now().toString(36)}@stride.test`;
      await page.goto('/join');
      await hydrated(page);
      await expect(page.getByRole('heading', { level: 1, name: 'Join Stride' })).toBeVisible();
      await page.getByLabel('Name').fill('Joiner');
      await page.getByLabel('Email').fill(email);
      // A common password is refused under its field first.
      await page.getByLabel('Password').fill('password123');
      await page.getByRole('button', { name: 'Start free trial' }).click();
      await expect(page.getByText(/This password is one of the most commonly used passwords/)).toBeVisible();
      await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
      await page.getByLabel('Password').fill('a walk in the park 42');
      await page.getByRole('button', { name: 'Start free trial' }).click();
      await expect(page).toHaveURL(/\/$/);

      await page.goto('/account');
      await expect(page.getByText(email)).toBeVisible();
      await expect(page.getByRole('definition').filter({ hasText: 'Free trial' })).toBeVisible();
      await expect(page.getByText(/You have seven days of your free trial left/)).toBeVisible();

      await page.goto('/watch/w-hiit30-01');
      await ensurePlaying(page.getByRole('region', { name: /^Video player/ }));
    });
  });

  test('a TV signs in by code while a phone (another browser context) approves it', async ({ page, browser, viewer }) => {
    // The TV: the TV layout of the sign-in page, headed for the account page.
    await page.goto('/login?device=tv&next=%2Faccount');
    await hydrated(page);
    await expect(page.locator('html')).toHaveAttribute('data-device', 'tv');
    const panel = page.getByRole('region', { name: 'Sign in with your phone' });
    const code = panel.getByText(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    await expect(code).toBeVisible();
    const userCode = (await code.textContent()) ?? '';
    await expect(panel.getByText(/\/activate$/)).toBeVisible();
    await expect(panel.getByRole('img', { name: /^QR code/ })).toHaveAttribute('data-ready', 'true');
    await expectNoSeriousAxeViolations(page, 'the TV sign-in page with its code');

    // The phone: signed in as the viewer, opens the address the QR code holds and approves.
    const phone = await browser.newContext({ baseURL: new URL(page.url()).origin });
    try {
      const phonePage = await phone.newPage();
      await signInWith(phonePage, viewer);
      await phonePage.goto(`/activate?code=${userCode}`);
      await expect(phonePage.getByRole('heading', { level: 1, name: 'Sign in a TV' })).toBeVisible();
      await expect(phonePage.getByLabel('Code shown on your TV')).toHaveValue(userCode);
      await phonePage.getByRole('button', { name: 'Approve' }).click();
      await expect(phonePage.getByRole('status')).toHaveText('Your TV is signing in. You can put this device away.');
    } finally {
      await phone.close();
    }

    // The TV's next poll (every 5 s) brings the session: it goes where it was headed, signed in as the viewer.
    await expect(page).toHaveURL(/\/account$/, { timeout: 15_000 });
    await expect(page.getByText(viewer.email)).toBeVisible();
  });

  test.describe('an expired trial', () => {
    test.use({ expectedResponseErrors: [{ status: 403, url: /\/api\/playback\/w-hiit30-01$/ }] });

    test('is told on the account page and in the player that a subscription is needed', async ({ page, expiredTrialViewer }) => {
      // Signed up, then its trial's end moved to the day before in the table.
      await signInWith(page, expiredTrialViewer);
      await page.goto('/account');
      await expect(page.getByRole('definition').filter({ hasText: 'Ended' })).toBeVisible();
      await expect(page.getByText(/Subscribe to keep streaming workouts/)).toBeVisible();

      await page.goto('/watch/w-hiit30-01');
      const message = page.getByRole('region', { name: /^Video player/ }).getByRole('alert');
      await expect(message.getByRole('heading', { name: 'No active subscription' })).toBeVisible();
    });
  });

  test('sign out everywhere ends the other sessions at the API at once; the edge still serves their pages until expiry', async ({
    page,
    browser,
    viewer,
  }) => {
    await signInWith(page, viewer);
    await page.goto('/account');
    await hydrated(page);
    const laptop = await browser.newContext({ baseURL: new URL(page.url()).origin });
    try {
      const laptopPage = await laptop.newPage();
      await signInWith(laptopPage, viewer);
      expect((await laptopPage.request.get('/api/me')).status()).toBe(200);

      await page.getByRole('button', { name: 'Sign out everywhere' }).click();
      await expect(page).toHaveURL(/\/$/);

      // The other device's session: refused by the API (me, playback) at once.
      expect((await laptopPage.request.get('/api/me')).status()).toBe(401);
      expect((await laptopPage.request.get('/api/playback/w-hiit30-01')).status()).toBe(401);
      // The edge cannot know: the protected page still loads, then says the session is over.
      const response = await laptopPage.goto('/account');
      expect(response?.status()).toBe(200);
      await expect(laptopPage.getByText('You are signed out.')).toBeVisible();
      // And this device is signed out too.
      expect((await page.request.get('/api/me')).status()).toBe(401);
    } finally {
      await laptop.close();
    }
  });
});

test.describe('the new pages pass axe (web and TV)', () => {
  for (const device of ['web', 'tv'] as const) {
    const query = device === 'tv' ? '?device=tv' : '';
    test(`${device} /join`, async ({ page }) => {
      await page.goto(`/join${query}`);
      await hydrated(page);
      await expect(page.locator('html')).toHaveAttribute('data-device', device);
      await expect(page.getByRole('heading', { level: 1, name: 'Join Stride' })).toBeVisible();
      await expectNoSeriousAxeViolations(page, `${device} /join`);
    });

    test(`${device} /activate, signed out and signed in`, async ({ page, viewer }) => {
      await page.goto(`/activate${query}`);
      await hydrated(page);
      await expect(page.getByRole('link', { name: 'Sign in' }).last()).toBeVisible();
      await expectNoSeriousAxeViolations(page, `${device} /activate signed out`);
      await signInWith(page, viewer);
      await page.goto(`/activate${query}`);
      await expect(page.getByLabel('Code shown on your TV')).toBeVisible();
      await expectNoSeriousAxeViolations(page, `${device} /activate signed in`);
    });
  }
});
