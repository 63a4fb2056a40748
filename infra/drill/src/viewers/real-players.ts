import { CHROMIUM, CHROMIUM_ARGS } from '@stride/e2e/chromium';
import { chromium, type Browser, type Page } from 'playwright';
import type { DrillEvent } from '../events';
import { sleep } from '../sleep';
import type { ViewerAccount } from './light-viewer';

export interface RealPlayersOptions {
  readonly siteUrl: string;
  readonly accounts: readonly ViewerAccount[];
  readonly workoutIds: readonly string[];
  readonly playSec: number;
  readonly record: (e: DrillEvent) => void;
  readonly signal: AbortSignal;
  /** How long the players' outboxes may deliver at the end before what is left counts as lost. */
  readonly drainMs?: number;
}

export interface RealPlayerCounts {
  plays: number;
  failedPlays: number;
  stalls: number;
}

/** Debian's Chromium as the e2e suite runs it; the players press play themselves (no autoplay flag). */
export const CHROMIUM_LAUNCH = { executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] };

const FIRST_FRAME_BUDGET_MS = 10_000;
const STALL_MS = 2_000;

/** The player's state as the page shows it: its data-status, an alert, the video's clock. */
async function playerState(page: Page): Promise<{ status: string | null; alert: boolean; time: number; ended: boolean }> {
  return page.evaluate(() => {
    const region = document.querySelector('[data-status]');
    const video = document.querySelector('video');
    return {
      status: region?.getAttribute('data-status') ?? null,
      alert: region ? region.querySelector('[role="alert"]') !== null : false,
      time: video?.currentTime ?? -1,
      ended: video?.ended ?? false,
    };
  });
}

/** Signs in through the site's sign-in page, as a viewer does, landing on the player. */
async function signIn(page: Page, siteUrl: string, account: ViewerAccount, workoutId: string): Promise<void> {
  await page.goto(`${siteUrl}/login?next=${encodeURIComponent(`/watch/${workoutId}`)}`);
  await page.locator('html[data-hydrated="true"]').waitFor({ timeout: 15_000 });
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/watch\//, { timeout: 15_000 });
}

/**
 * One real player: a Chromium page through the local CDN, signed in as its own account, pressing
 * play (opening /watch/<id>) again and again. A play fails when the video has not started
 * (data-status playing) within 10 s or the player shows an error; a stall is the video clock
 * standing still for over 2 s while it should play.
 */
async function playLoop(
  browser: Browser,
  options: RealPlayersOptions,
  account: ViewerAccount,
  workoutId: string,
  name: string,
  counts: RealPlayerCounts,
): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 960, height: 600 } });
  const page = await context.newPage();
  const record = options.record;
  // What the app's own requests got, on the same timeline as the light viewers'.
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    const api = pathname.startsWith('/api/');
    if (!api && !pathname.startsWith('/media/')) return;
    // The app reads a 404 for a workout never played as "start at 0" (playerApi's validateStatus).
    const ok = response.status() < 400 || (response.status() === 404 && pathname.startsWith('/api/progress/'));
    record({ t: Date.now(), type: 'request', api, ok, region: response.headers()['x-stride-region'] ?? null, status: response.status() });
  });
  // A request the page itself abandoned (leaving the player mid-segment) is not a failure of the service.
  page.on('requestfailed', (request) => {
    if (!/\/(api|media)\//.test(request.url()) || request.failure()?.errorText === 'net::ERR_ABORTED') return;
    record({ t: Date.now(), type: 'request', api: request.url().includes('/api/'), ok: false, region: null, status: 'network' });
  });
  try {
    while (!options.signal.aborted) {
      try {
        await signIn(page, options.siteUrl, account, workoutId);
        break;
      } catch {
        await sleep(1_000, options.signal);
      }
    }
    while (!options.signal.aborted) {
      // The sample streams are 24 s long while workouts last half an hour: a player resuming past
      // the stream's end would find nothing to play. Each play starts from 0 (a failed reset, during
      // an outage, changes nothing: the player then resumes where it was).
      await page.request
        .put(`${options.siteUrl}/api/progress/${workoutId}`, { data: { positionSec: 0, durationSec: 1 }, timeout: 5_000 })
        .catch(() => undefined);
      const pressed = Date.now();
      counts.plays += 1;
      record({ t: pressed, type: 'play-started', viewer: name });
      if (!page.url().includes(`/watch/${workoutId}`)) await page.goto(`${options.siteUrl}/watch/${workoutId}`).catch(() => undefined);
      let started = false;
      let failed = false;
      while (!options.signal.aborted && Date.now() - pressed < FIRST_FRAME_BUDGET_MS) {
        const s = await playerState(page).catch(() => ({ status: null, alert: false, time: -1, ended: false }));
        if (s.alert || s.status === 'error') {
          failed = true;
          break;
        }
        if (s.status === 'paused')
          await page
            .getByRole('button', { name: /^Play\b/ })
            .click({ timeout: 1_000 })
            .catch(() => undefined);
        if (s.status === 'playing' && s.time > 0) {
          started = true;
          break;
        }
        await sleep(200, options.signal);
      }
      if (!started && !options.signal.aborted) {
        counts.failedPlays += 1;
        record({ t: Date.now(), type: 'play-failed', viewer: `${name}: ${failed ? 'error shown' : 'no first frame in 10 s'}` });
      } else if (started) {
        let lastTime = -1;
        let stillSince = Date.now();
        let counted = false;
        const end = Date.now() + options.playSec * 1000;
        while (!options.signal.aborted && Date.now() < end) {
          await sleep(250, options.signal);
          const s = await playerState(page).catch(() => ({ status: null, alert: true, time: -1, ended: false }));
          // The end of the stream ends the play; it is not a stall.
          if (s.alert || s.ended) break;
          if (s.time !== lastTime) {
            lastTime = s.time;
            stillSince = Date.now();
            counted = false;
          } else if (!counted && Date.now() - stillSince > STALL_MS) {
            counted = true;
            counts.stalls += 1;
            record({ t: Date.now(), type: 'stall', viewer: name });
          }
        }
        record({ t: Date.now(), type: 'play-ended', viewer: name });
      }
      // Leave the player (it saves progress on the way out) and come back: the next press of play.
      await page.goto(`${options.siteUrl}/`).catch(() => undefined);
      await sleep(1_000, options.signal);
      if (!options.signal.aborted) await page.goto(`${options.siteUrl}/watch/${workoutId}`).catch(() => undefined);
    }
  } finally {
    await context.close().catch(() => undefined);
  }
}

/** A few real players (Chromium) for the length of the drill; their counts at the end. */
export async function runRealPlayers(options: RealPlayersOptions): Promise<RealPlayerCounts> {
  const counts: RealPlayerCounts = { plays: 0, failedPlays: 0, stalls: 0 };
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    await Promise.all(
      options.accounts.map((account, i) =>
        playLoop(browser, options, account, options.workoutIds[i % options.workoutIds.length] ?? 'w-yoga-01', `player-${i + 1}`, counts),
      ),
    );
  } finally {
    await browser.close();
  }
  return counts;
}
