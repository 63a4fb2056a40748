import type { Locator, Page } from '@playwright/test';
import { expect, test, type ViewerAccount } from '../fixtures';
import { ensurePlaying, signIn, videoTime } from '../viewer-steps';

// The player's journeys against the real local stack: the API authorizes playback (or refuses
// it), hls.js plays the sample streams with their WebVTT captions, progress goes to the API.
// Each test plays a workout no other test plays, so the worker's account serves them, but for
// the journey that resumes from a saved position: that takes an account of its own.

/** The modes of the video's caption/subtitle tracks, and the text of the cues showing now. */
const captionState = (page: Page) =>
  page.evaluate(() => {
    const tracks = Array.from(document.querySelector('video')?.textTracks ?? []).filter(
      (t) => t.kind === 'subtitles' || t.kind === 'captions',
    );
    const showing = tracks.filter((t) => t.mode === 'showing');
    const cues = showing.flatMap((t) => Array.from(t.activeCues ?? []).map((cue) => (cue as VTTCue).text));
    return { modes: tracks.map((t) => t.mode), cues };
  });

/** Signs in through the sign-in page the edge sends a signed-out viewer to, and lands on the player. */
async function openWorkoutSignedIn(page: Page, workoutId: string, account: ViewerAccount): Promise<Locator> {
  await page.goto(`/watch/${workoutId}`);
  await expect(page).toHaveURL(new RegExp(`/login\\?next=%2Fwatch%2F${workoutId}$`));
  await signIn(page, account);
  await expect(page).toHaveURL(new RegExp(`/watch/${workoutId}$`));
  const player = page.getByRole('region', { name: /^Video player/ });
  await expect(player).toBeVisible();
  return player;
}

test.describe('playback journeys', () => {
  test.describe('a viewer without a subscription', () => {
    // The API refuses playback with 403, which Chromium logs: that response, and only it, is expected.
    test.use({ expectedResponseErrors: [{ status: 403, url: /\/api\/playback\/w-yoga-01$/ }] });

    test('signs in, opens a workout and is told a subscription is needed', async ({ page, unsubscribedViewer }) => {
      const player = await openWorkoutSignedIn(page, 'w-yoga-01', unsubscribedViewer);
      const message = player.getByRole('alert');
      await expect(message).toBeVisible();
      await expect(message.getByRole('heading', { name: 'No active subscription' })).toBeVisible();
      await expect(message).toContainText('does not have an active subscription');
      await expect(message.getByRole('link', { name: 'See your account' })).toHaveAttribute('href', '/account');
      await expect(message.getByRole('button', { name: 'Retry' })).toBeFocused();
      // No stream behind the message: the playback controls are gone, nothing plays.
      await expect(player.getByRole('button', { name: /^(Play|Pause)\b/ })).toHaveCount(0);
      expect(await videoTime(page)).toBe(0);
    });
  });

  test('a subscriber leaves mid-workout and resumes where they left off', async ({ page, viewer }) => {
    const player = await openWorkoutSignedIn(page, 'w-kb-01', viewer);
    await ensurePlaying(player);
    // Well past the point worth resuming (5 s), well before the end of the 24 s sample stream.
    await expect.poll(() => videoTime(page), { message: 'currentTime advances past 8 s', timeout: 20_000 }).toBeGreaterThan(8);
    const left = await videoTime(page);
    // The player saves the whole seconds of the position it last rendered, which may trail the
    // element's own currentTime a little on a busy machine.
    const margin = 2;

    // Leave for the program page (a full navigation: the position is saved as the page goes away).
    await page.goto('/programs/kettlebell-power');
    await expect(page.getByRole('heading', { level: 1, name: 'Kettlebell Power' })).toBeVisible();
    await expect
      .poll(async () => ((await (await page.request.get('/api/progress/w-kb-01')).json()) as { positionSec: number }).positionSec, {
        message: 'the API has the position saved on leaving',
      })
      .toBeGreaterThan(left - margin);

    // Come back through the program page's link to the same workout.
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
    await page.getByRole('list').getByRole('link', { name: 'Swing Volume Ladder' }).click();
    await expect(page).toHaveURL(/\/watch\/w-kb-01$/);
    const again = page.getByRole('region', { name: /^Video player/ });
    await expect(again).toHaveAttribute('data-status', /^(playing|paused)$/, { timeout: 15_000 });
    // The first frame shown is at the saved position, not at 0 (checked once, before playing on
    // from 0 could reach it).
    expect(await videoTime(page)).toBeGreaterThan(left - margin);
  });

  test('the captions control turns captions on and off', async ({ page, workerViewer }) => {
    const player = await openWorkoutSignedIn(page, 'w-boxing-01', workerViewer);
    await ensurePlaying(player);
    const captions = player.getByRole('button', { name: 'Captions (c)' });
    await expect(captions).toBeEnabled();
    await expect(captions).toHaveAttribute('aria-pressed', 'false');
    expect((await captionState(page)).modes).not.toContain('showing');

    await captions.click();
    await expect(captions).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(async () => (await captionState(page)).modes, { message: 'a caption track is showing' }).toContain('showing');
    await expect
      .poll(async () => (await captionState(page)).cues.join(' '), { message: 'a cue is on screen', timeout: 10_000 })
      .toMatch(/\w/);

    await captions.click();
    await expect(captions).toHaveAttribute('aria-pressed', 'false');
    await expect.poll(async () => (await captionState(page)).modes, { message: 'no caption track is showing' }).not.toContain('showing');
  });

  test.describe('a playback failure', () => {
    const playlist = /\/media\/sample-yoga\/master\.m3u8$/;
    // The injected fault: the CDN answers 503 for the stream's playlist until the test lifts it.
    test.use({ expectedResponseErrors: [{ status: 503, url: playlist }] });

    test('shows a message naming the cause and recovers on Retry', async ({ page, workerViewer }) => {
      test.setTimeout(60_000);
      // The fault holds through the player's silent recovery (hls.js retries, restarts, reloads).
      await page.route(playlist, (route) => route.fulfill({ status: 503, contentType: 'text/plain', body: 'Service Unavailable' }));
      const player = await openWorkoutSignedIn(page, 'w-mobility-01', workerViewer);

      const message = player.getByRole('alert');
      await expect(message.getByRole('heading', { name: 'Stream unavailable' })).toBeVisible({ timeout: 30_000 });
      const retry = message.getByRole('button', { name: 'Retry' });
      await expect(retry).toBeFocused();

      await page.unroute(playlist);
      await retry.click();
      await expect(message).toBeHidden();
      await ensurePlaying(player);
      const start = await videoTime(page);
      await expect
        .poll(() => videoTime(page), { message: 'the video plays again: currentTime advances', timeout: 15_000 })
        .toBeGreaterThan(Math.max(start, 0) + 1);
    });
  });
});
