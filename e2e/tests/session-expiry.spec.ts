import { expect, test } from '../fixtures';
import { ensurePlaying, signIn, videoTime } from '../viewer-steps';

// A session that ends mid-workout: the picture plays on (media cookies are not the session), the
// player says so without interrupting, stops saving, and signing in through its link comes back
// to the workout where the viewer was. The viewer is an account of the test's own: the position it
// resumes from is the one this test saved.
const WORKOUT = 'w-run5k-01';
const progressUrl = new RegExp(`/api/progress/${WORKOUT}$`);

test.describe('a session that expires mid-workout', () => {
  // The save sent after the session is gone answers 401, which Chromium logs: that, and only that.
  test.use({ expectedResponseErrors: [{ status: 401, url: progressUrl }] });

  test('keeps playing, says the viewer is signed out, and resumes after signing in again', async ({ page, context, viewer }) => {
    test.setTimeout(90_000);
    const hint = async () => (await context.cookies()).find((c) => c.name === 'stride_signed_in');

    await page.goto(`/watch/${WORKOUT}`);
    await expect(page).toHaveURL(new RegExp(`/login\\?next=%2Fwatch%2F${WORKOUT}$`));
    await signIn(page, viewer);
    await expect(page).toHaveURL(new RegExp(`/watch/${WORKOUT}$`));
    // The readable hint pages use to know a viewer is signed in, beside the HttpOnly session.
    expect(await hint()).toMatchObject({ value: '1', httpOnly: false, path: '/', sameSite: 'Lax' });

    const player = page.getByRole('region', { name: /^Video player/ });
    // The playback answer names the workout: the page's h1, and a link back to its program.
    await expect(page.getByRole('heading', { level: 1, name: 'Week 1: Run-Walk Intervals' })).toBeVisible();
    await expect(player.getByRole('link', { name: 'Run Club: Couch to 5K' })).toHaveAttribute('href', '/programs/run-club-5k');
    await ensurePlaying(player);
    // Past the point worth resuming (5 s), before the 50 % view milestone (12 s of 24).
    await expect.poll(() => videoTime(page), { message: 'currentTime advances past 7 s', timeout: 20_000 }).toBeGreaterThan(7);

    // The session expires; pausing makes the player save its position, which the API refuses.
    await context.clearCookies({ name: 'stride_session' });
    await player.getByRole('button', { name: /^Pause\b/ }).click();
    const notice = player.getByRole('status').filter({ hasText: 'signed out' });
    await expect(notice).toHaveText("You're signed out — sign in to keep your progress. Sign in");
    const link = notice.getByRole('link', { name: 'Sign in' });
    await expect(link).toHaveAttribute('href', `/login?next=%2Fwatch%2F${WORKOUT}`);
    // The API dropped the hint with its 401: the site no longer claims the viewer is signed in.
    await expect.poll(hint, { message: 'stride_signed_in is cleared' }).toBeUndefined();

    // Not blocking: no error panel, the controls stay, and the picture plays on.
    await expect(player.getByRole('alert')).toHaveCount(0);
    const progressPuts: string[] = [];
    let signedOut = true;
    page.on('request', (request) => {
      if (signedOut && request.method() === 'PUT' && progressUrl.test(request.url())) progressPuts.push(request.url());
    });
    await player.getByRole('button', { name: /^Play\b/ }).click();
    const resumedFrom = await videoTime(page);
    await expect.poll(() => videoTime(page), { message: 'the video plays on while signed out' }).toBeGreaterThan(resumedFrom + 1);
    await player.getByRole('button', { name: /^Pause\b/ }).click();
    await expect(player).toHaveAttribute('data-status', 'paused');
    const left = await videoTime(page);

    // Sign in again through the notice, and land back on the player where the viewer was.
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/login\\?next=%2Fwatch%2F${WORKOUT}$`));
    // Signed out, neither the second pause nor leaving for the sign-in page tried to save again:
    // the outbox holds the save until the viewer signs in (and then sends it, which is not counted).
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    signedOut = false;
    expect(progressPuts).toEqual([]);
    await signIn(page, viewer);
    await expect(page).toHaveURL(new RegExp(`/watch/${WORKOUT}$`));

    const again = page.getByRole('region', { name: /^Video player/ });
    await expect(again).toHaveAttribute('data-status', /^(playing|paused)$/, { timeout: 15_000 });
    // The first frame is at the position this tab kept (checked once, before playing on could reach it).
    expect(await videoTime(page)).toBeGreaterThan(left - 2);
    await expect(again.getByRole('status').filter({ hasText: 'signed out' })).toHaveCount(0);
    expect(await hint()).toMatchObject({ value: '1' });

    // Saving works again: the API has a position for this workout.
    await ensurePlaying(again);
    await again.getByRole('button', { name: /^Pause\b/ }).click();
    await expect
      .poll(async () => ((await (await page.request.get(`/api/progress/${WORKOUT}`)).json()) as { positionSec: number }).positionSec, {
        message: 'the API has the position again',
      })
      .toBeGreaterThan(left - 2);
  });
});
