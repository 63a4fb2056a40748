import { expect, test } from '../fixtures';
import { ensurePlaying, signIn, videoTime } from '../viewer-steps';

// The viewer's journey through the local stack: the edge guards /watch, the API signs in and
// authorizes playback (signed media cookies), hls.js plays the sample stream. The journey that
// plays takes an account of its own (other specs play the same workout: a saved position would
// move where it starts); the one that only opens the player takes the worker's account.

test.describe('viewer: browse, sign in, play', () => {
  test('home → program → sign in as a subscriber → the workout plays', async ({ page, viewer }) => {
    // Four pages and playback: on a loaded machine (two workers, each with its own stack) this outlasts 30 s.
    test.setTimeout(60_000);
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
    await page.getByRole('link', { name: 'HIIT 30' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'HIIT 30' })).toBeVisible();
    await expect(page.getByRole('img', { name: 'HIIT 30 program poster' })).toBeVisible();

    // Signed out, the workout link lands on the sign-in page, which will return to it.
    const workout = page.getByRole('list').getByRole('link', { name: 'Tabata Foundations' });
    await expect(workout).toHaveAttribute('href', '/watch/w-hiit30-01');
    await workout.click();
    await expect(page).toHaveURL(/\/login\?next=%2Fwatch%2Fw-hiit30-01$/);
    await signIn(page, viewer);

    await expect(page).toHaveURL(/\/watch\/w-hiit30-01$/);
    // The shared shell says "Player"; the playback answer names the workout.
    await expect(page).toHaveTitle('Tabata Foundations · Stride');
    const player = page.getByRole('region', { name: /^Video player/ });
    await expect(player).toBeVisible();
    await ensurePlaying(player);

    const start = await videoTime(page);
    await expect
      .poll(() => videoTime(page), { message: 'the video plays: currentTime advances', timeout: 15_000 })
      .toBeGreaterThan(Math.max(start, 0) + 1);

    // The player links to its program. The /watch shell carries no program, so the program page
    // learns this one from its own summary file, then loads its workouts. (Only the app's own
    // fetches count: the browser may also revalidate a stale cached copy in the background.)
    const pageData: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/data/') && r.resourceType() === 'fetch') pageData.push(path);
    });
    await player.getByRole('link', { name: 'HIIT 30' }).click();
    await expect(page).toHaveURL(/\/programs\/hiit-30$/);
    await expect(page.getByRole('heading', { level: 1, name: 'HIIT 30' })).toBeVisible();
    await expect(page.getByRole('list').getByRole('link', { name: 'Tabata Foundations' })).toBeVisible();
    expect(pageData).toEqual(['/data/summaries/hiit-30.json', '/data/programs/hiit-30.json']);
  });

  test('a signed-out /watch/<id> lands on sign-in and returns to the player afterwards', async ({ page, workerViewer }) => {
    await page.goto('/watch/w-hiit30-02');
    await expect(page).toHaveURL(/\/login\?next=%2Fwatch%2Fw-hiit30-02$/);
    await signIn(page, workerViewer);

    await expect(page).toHaveURL(/\/watch\/w-hiit30-02$/);
    const player = page.getByRole('region', { name: /^Video player/ });
    await expect(player).toBeVisible();
    await expect(player.getByRole('button', { name: /^(Play|Pause)\b/ })).toBeVisible();
  });
});
