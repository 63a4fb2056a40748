import type { Locator, Page } from '@playwright/test';
import { expect, test, type ViewerAccount } from '../fixtures';
import { ensurePlaying, signIn, videoTime } from '../viewer-steps';

// The app's writes in a real Chromium against the real local stack: a progress save the default
// path fails (API Gateway's 500 for a throttled Lambda, provoked here in the browser) reaches the
// secondary region's pinned path; one no region takes stays in the page's localStorage (the
// outbox) through a closed tab and is delivered by the next signed-in page. Each test plays a
// workout no other spec plays, with an account of its own.

const OUTBOX_KEY = 'stride.outbox.v1';

async function openWorkoutSignedIn(page: Page, workoutId: string, account: ViewerAccount): Promise<Locator> {
  await page.goto(`/watch/${workoutId}`);
  await expect(page).toHaveURL(new RegExp(`/login\\?next=%2Fwatch%2F${workoutId}$`));
  await signIn(page, account);
  await expect(page).toHaveURL(new RegExp(`/watch/${workoutId}$`));
  const player = page.getByRole('region', { name: /^Video player/ });
  await expect(player).toBeVisible();
  return player;
}

/** Plays past the point worth resuming (5 s) and pauses, which saves the position; the position paused at. */
async function playAndPause(page: Page, player: Locator): Promise<number> {
  await ensurePlaying(player);
  await expect.poll(() => videoTime(page), { message: 'currentTime advances past 7 s', timeout: 20_000 }).toBeGreaterThan(7);
  await player.getByRole('button', { name: /^Pause\b/ }).click();
  await expect(player).toHaveAttribute('data-status', 'paused');
  return videoTime(page);
}

const savedPosition = async (page: Page, path: string): Promise<number> =>
  ((await (await page.request.get(path)).json()) as { positionSec: number }).positionSec;

test.describe('the write outbox', () => {
  test.describe('with the default path answering 500', () => {
    const workoutId = 'w-kb-05';
    test.use({ expectedResponseErrors: [{ status: 500, url: new RegExp(`/api/progress/${workoutId}$`) }] });

    test("sends the save to the secondary region's pinned path, which keeps it", async ({ page, viewer }) => {
      // Only the default path's PUT: the pinned paths (/api/region/<role>/progress/…) reach the regions.
      await page.route(new RegExp(`/api/progress/${workoutId}$`), (route) =>
        route.request().method() === 'PUT'
          ? route.fulfill({ status: 500, contentType: 'application/json', body: '{"message":"Internal Server Error"}' })
          : route.fallback(),
      );
      const pinned = page.waitForRequest(
        (request) => request.method() === 'PUT' && request.url().endsWith(`/api/region/secondary/progress/${workoutId}`),
      );
      const player = await openWorkoutSignedIn(page, workoutId, viewer);
      const left = await playAndPause(page, player);
      await pinned;
      await expect
        .poll(() => savedPosition(page, `/api/region/secondary/progress/${workoutId}`), { message: 'the secondary has the position' })
        .toBeGreaterThan(left - 2);
      await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), OUTBOX_KEY), { message: 'the outbox is empty' }).toBe('[]');
    });
  });

  test.describe('with no region taking writes', () => {
    const workoutId = 'w-kb-06';
    test.use({ expectedResponseErrors: [{ status: 503, url: new RegExp(`/progress/${workoutId}$`) }] });

    test('keeps the save through a closed tab, and the next signed-in page delivers it', async ({ page, context, viewer }) => {
      // Every route of the save, default and pinned, for every page of this browser.
      const refuse = new RegExp(`/progress/${workoutId}$`);
      await context.route(refuse, (route) =>
        route.request().method() === 'PUT' ? route.fulfill({ status: 503, body: 'Service Unavailable' }) : route.fallback(),
      );
      const player = await openWorkoutSignedIn(page, workoutId, viewer);
      const left = await playAndPause(page, player);
      await expect
        .poll(
          async () =>
            ((await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '[]') as unknown, OUTBOX_KEY)) as { key: string }[]).map(
              (entry) => entry.key,
            ),
          { message: 'the save waits in the outbox' },
        )
        .toContain(`progress:${workoutId}`);
      expect(await savedPosition(page, `/api/progress/${workoutId}`)).toBe(0);

      // The tab closes while the regions still refuse (its keepalive save on leaving is refused too).
      const next = await context.newPage();
      const closed = page.waitForEvent('close');
      await page.close({ runBeforeUnload: true });
      await closed;
      await context.unroute(refuse);

      // The next page this viewer opens in the browser: the home page loads the API features.
      await next.goto('/');
      await expect
        .poll(() => savedPosition(next, `/api/progress/${workoutId}`), { message: 'the API has the position the closed tab left' })
        .toBeGreaterThan(left - 2);
      await expect.poll(() => next.evaluate((key) => localStorage.getItem(key), OUTBOX_KEY), { message: 'the outbox is empty' }).toBe('[]');
      await next.close();
    });
  });
});
