import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, signInWith, test, type ExpectedResponseError } from '../fixtures';
import { LOCAL_VIEWER_COUNTRY_HEADER } from '@stride/infra/local-viewer-facts';

// The 10-foot UI: the edge serves a TV user agent the tv/ object of each page at its pretty URL,
// the page hydrates in the TV layout, and a remote's arrows, OK (Enter) and Back drive it.

// A Roku's user agent: one of the TV families the edge recognizes.
const ROKU = 'Roku/DVP-12.5 (12.5.0.4179)';
test.use({ userAgent: ROKU });

const hydrated = (page: Page) => expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
const focused = (page: Page) => page.locator(':focus');

test.describe('TV pages', () => {
  test('a Roku gets the TV variant of the home page at the same URL, focus on the featured program', async ({ page }) => {
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    // The TV layout is in the served HTML itself, before any script runs.
    expect(await response?.text()).toContain('data-device="tv"');
    await expect(page).toHaveURL(/\/$/);
    await hydrated(page);
    await expect(page.locator('html')).toHaveAttribute('data-device', 'tv');
    await expect(page.getByRole('link', { name: 'See the program' })).toBeFocused();
  });

  // An account of its own: other specs play the same workout, and a saved position would move where it starts.
  test('keyboard only: home → a program → its first workout → sign in → the workout plays', async ({ page, viewer }) => {
    // Four pages and playback: on a loaded machine (two workers, each with its own stack) this outlasts 30 s.
    test.setTimeout(60_000);
    await page.goto('/');
    await hydrated(page);
    const featured = page.getByRole('link', { name: 'See the program' });
    await expect(featured).toBeFocused();

    // Down into the first row of programs, Right along it, Up back to the featured program.
    await page.keyboard.press('ArrowDown');
    await expect(focused(page)).toHaveAttribute('href', /^\/programs\//);
    const firstCard = await focused(page).getAttribute('href');
    await page.keyboard.press('ArrowRight');
    await expect(focused(page)).toHaveAttribute('href', /^\/programs\//);
    await expect(focused(page)).not.toHaveAttribute('href', firstCard ?? '');
    await page.keyboard.press('ArrowUp');
    await expect(featured).toBeFocused();
    // A remote pressed fast, while the cards' focus animation is still running: same answers.
    for (let round = 0; round < 3; round += 1) {
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowUp');
      await expect(featured).toBeFocused();
    }

    // OK opens it (client-side navigation: the pretty URL, still the TV layout).
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/programs\/hiit-30$/);
    await expect(page.getByRole('heading', { level: 1, name: 'HIIT 30' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-device', 'tv');
    await expect(page.locator('[data-device="tv"]').getByRole('main')).toBeVisible();

    // Focus starts on the first workout; Down and Up move along the list.
    const workouts = page.getByRole('region', { name: 'Workouts' }).getByRole('link');
    await expect(workouts.first()).toBeFocused();
    await expect(workouts.first()).toHaveAccessibleName('Tabata Foundations');
    await page.keyboard.press('ArrowDown');
    await expect(workouts.nth(1)).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(workouts.first()).toBeFocused();

    // Signed out: the edge sends the workout to the (TV) sign-in page, focus in the email field.
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/login\?next=%2Fwatch%2Fw-hiit30-01$/);
    await hydrated(page);
    await expect(page.locator('html')).toHaveAttribute('data-device', 'tv');
    await expect(page.getByLabel('Email')).toBeFocused();
    await page.keyboard.type(viewer.email);
    await page.keyboard.press('ArrowDown');
    await expect(page.getByLabel('Password')).toBeFocused();
    await page.keyboard.type(viewer.password);
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeFocused();
    await page.keyboard.press('Enter');

    await expect(page).toHaveURL(/\/watch\/w-hiit30-01$/);
    const player = page.getByRole('region', { name: /^Video player/ });
    await expect(player).toBeFocused();
    await expect(player).toHaveAttribute('data-status', 'playing', { timeout: 15_000 });
    // OK on the player's stage pauses and plays again.
    await page.keyboard.press('Enter');
    await expect(player).toHaveAttribute('data-status', 'paused');
    await page.keyboard.press('Enter');
    await expect(player).toHaveAttribute('data-status', 'playing');
    await expect(page.locator('html')).toHaveAttribute('data-device', 'tv');
  });

  test('Back (Escape) returns to the previous page, focus on its primary action', async ({ page }) => {
    await page.goto('/');
    await hydrated(page);
    await expect(page.getByRole('link', { name: 'See the program' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'HIIT 30' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('link', { name: 'See the program' })).toBeFocused();
  });

  test('?device=web switches a TV back to the web layout, and the choice is remembered', async ({ page }) => {
    await page.goto('/?device=web');
    await expect(page).toHaveURL(/\/$/);
    await hydrated(page);
    await expect(page.locator('html')).toHaveAttribute('data-device', 'web');
    await expect(page.locator('[data-device="tv"]')).toHaveCount(0);

    await page.goto('/programs/hiit-30');
    await hydrated(page);
    await expect(page.getByRole('heading', { level: 1, name: 'HIIT 30' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-device', 'web');

    await page.goto('/programs/hiit-30?device=tv');
    await expect(page).toHaveURL(/\/programs\/hiit-30$/);
    await hydrated(page);
    await expect(page.locator('html')).toHaveAttribute('data-device', 'tv');
  });
});

interface PageType {
  readonly name: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly signedIn?: boolean;
  readonly status?: number;
  readonly expectedResponseErrors?: readonly ExpectedResponseError[];
  readonly heading: string;
}

const PAGES: readonly PageType[] = [
  { name: 'home', path: '/', heading: 'Stride: fitness programs that stream' },
  { name: 'program', path: '/programs/hiit-30', heading: 'HIIT 30' },
  { name: 'coming-soon program', path: '/programs/indoor-cycling-endurance', heading: 'Indoor Cycling: Endurance Block' },
  { name: 'sign-in', path: '/login', heading: 'Sign in' },
  { name: 'account (signed in)', path: '/account', signedIn: true, heading: 'Your account' },
  {
    name: '404',
    path: '/no/such/page',
    status: 404,
    expectedResponseErrors: [{ status: 404, url: /\/no\/such\/page$/ }],
    heading: 'Page not found',
  },
  {
    name: '451',
    path: '/programs/strength-foundations',
    headers: { [LOCAL_VIEWER_COUNTRY_HEADER]: 'FR' },
    status: 451,
    expectedResponseErrors: [{ status: 451, url: /\/programs\/strength-foundations$/ }],
    heading: 'Not available in your country',
  },
];

test.describe('TV pages: hydrate in the TV layout, no serious or critical axe violations', () => {
  for (const type of PAGES) {
    test.describe(type.name, () => {
      test.use({ expectedResponseErrors: type.expectedResponseErrors ?? [], extraHTTPHeaders: type.headers ?? {} });

      test(`TV ${type.name} page`, async ({ page, workerViewer }) => {
        if (type.signedIn) await signInWith(page, workerViewer);
        const response = await page.goto(type.path);
        expect(response?.status()).toBe(type.status ?? 200);
        await hydrated(page);
        await expect(page.locator('html')).toHaveAttribute('data-device', 'tv');
        await expect(page.getByRole('heading', { level: 1, name: type.heading })).toBeAttached();
        // Per-viewer content loads after hydration: check the page as the viewer sees it.
        if (type.signedIn) await expect(page.getByText(workerViewer.email)).toBeVisible();

        const { violations } = await new AxeBuilder({ page }).analyze();
        const blocking = violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        expect(blocking, `axe on the TV ${type.path}`).toEqual([]);
      });
    });
  }
});
