import { FALLBACK_ROLES, regionPinnedPath, unpinApiPath } from '@stride/contract/region-routing';
import { CHROMIUM, CHROMIUM_ARGS } from '@stride/e2e/chromium';
import { OUTBOX_STORAGE_KEY } from '@stride/web/outbox';
import { chromium, type Browser, type Page } from 'playwright';
import type { DrillEvent } from '../events';
import { sleep } from '../sleep';
import type { ViewerAccount } from './light-viewer';
import type { OutboxSnapshotEntry, RealPlayerWrites } from './lost-writes';

export interface RealPlayersOptions {
  readonly siteUrl: string;
  readonly accounts: readonly ViewerAccount[];
  readonly workoutIds: readonly string[];
  readonly playSec: number;
  readonly record: (e: DrillEvent) => void;
  readonly signal: AbortSignal;
  /** How long the players' outboxes may deliver at the end before what is left counts as lost. */
  readonly drainMs?: number;
  /**
   * Told once per player when it has signed in and its first player page has loaded (a cold
   * browser's first load: scripts compiled, chunks cached), before its first counted play. The
   * drill starts its steady state after every player has, so no cold start is counted as a play
   * in the fault window.
   */
  readonly onSignedIn?: (name: string) => void;
}

export interface RealPlayerCounts {
  plays: number;
  failedPlays: number;
  stalls: number;
  /** Per player, what its writes came to (filled in at the end). */
  readonly writes: RealPlayerWrites[];
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

/** A Roku: the edge serves a TV user agent the TV variant of each page at the same URL (edge/src/viewer-request/device.ts). */
export const TV_USER_AGENT = 'Roku/DVP-12.5 (12.5.0.4179)';

export type PlayerDevice = 'web' | 'tv';

const PROGRESS_PUT = /^\/api\/progress\/([^/?]+)$/;

/**
 * One real player: a Chromium page through the local CDN, on web or TV pages (a TV user agent),
 * signed in as its own account, pressing play (opening /watch/<id>) again and again. A play fails
 * when the video has not started (data-status playing) within 10 s or the player shows an error;
 * a stall is the video clock standing still for over 2 s while it should play.
 */
async function playLoop(
  browser: Browser,
  options: RealPlayersOptions,
  account: ViewerAccount,
  workoutId: string,
  name: string,
  device: PlayerDevice,
  counts: RealPlayerCounts,
): Promise<RealPlayerWrites> {
  const context = await browser.newContext({
    viewport: { width: 960, height: 600 },
    ...(device === 'tv' ? { userAgent: TV_USER_AGENT } : {}),
  });
  const page = await context.newPage();
  const record = options.record;
  let newestSave: RealPlayerWrites['newestSave'] = null;
  // What the app's own requests got, on the same timeline as the light viewers'.
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    const api = pathname.startsWith('/api/');
    if (!api && !pathname.startsWith('/media/')) return;
    // A try the app's request function falls back from (or a hedge it drops) is not what the viewer got: only final answers count.
    if (api && response.status() >= 500) return;
    const ok = response.status() < 400 || (response.status() === 404 && unpinApiPath(pathname).path.startsWith('/api/progress'));
    record({ t: Date.now(), type: 'request', api, ok, region: response.headers()['x-stride-region'] ?? null, status: response.status() });
  });
  // Every progress save the app sends, on any route (the page issues it; whether it is answered is the outbox's business).
  page.on('request', (request) => {
    if (request.method() !== 'PUT') return;
    const match = PROGRESS_PUT.exec(unpinApiPath(new URL(request.url()).pathname).path);
    if (!match || decodeURIComponent(match[1] ?? '') !== workoutId) return;
    try {
      const body = JSON.parse(request.postData() ?? '') as { positionSec?: number; savedAt?: number };
      if (
        typeof body.savedAt === 'number' &&
        typeof body.positionSec === 'number' &&
        (newestSave === null || body.savedAt > newestSave.savedAt)
      )
        newestSave = { positionSec: body.positionSec, savedAt: body.savedAt };
    } catch {
      // Not a save the app makes.
    }
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
    // The sign-in landed on the player: its first, cold play (scripts compiled, the video
    // engine's chunk fetched) is the warm-up, not a counted play.
    await warmUp(page, device, options.signal);
    options.onSignedIn?.(name);
    while (!options.signal.aborted) {
      // Leave the player (it saves progress on the way out) before the next press of play.
      if (page.url().includes('/watch/')) {
        await page.goto(`${options.siteUrl}/`).catch(() => undefined);
        await sleep(1_000, options.signal);
      }
      // The sample streams are 24 s long while workouts last half an hour: a player resuming past
      // the stream's end would find nothing to play. Each play starts from 0: the drill saves 0
      // with a savedAt of now, so a save of the previous play that arrives later (the outbox
      // retrying it) is older and the API keeps the 0; it is still acknowledged, not lost.
      await resetProgress(page, options.siteUrl, workoutId);
      if (options.signal.aborted) break;
      // Pressing play is opening the workout: the clock runs from the navigation, so every play
      // (before, during and after the fault) times the same path: the page, its API reads, the video.
      const pressed = Date.now();
      counts.plays += 1;
      record({ t: pressed, type: 'play-started', viewer: name });
      await page.goto(`${options.siteUrl}/watch/${workoutId}`, { waitUntil: 'commit' }).catch(() => undefined);
      let started = false;
      let failed = false;
      while (!options.signal.aborted && Date.now() - pressed < FIRST_FRAME_BUDGET_MS) {
        const s = await playerState(page).catch(() => ({ status: null, alert: false, time: -1, ended: false }));
        if (s.alert || s.status === 'error') {
          failed = true;
          break;
        }
        if (s.status === 'paused') await pressPlay(page, device);
        if (s.status === 'playing' && s.time > 0) {
          started = true;
          record({ t: Date.now(), type: 'first-frame', viewer: name, pressedAt: pressed });
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
    }
    // The drill is over (its faults are off): leave the player, so its last save goes into the
    // outbox, and give the app the drain time on a page of the site; what is left was never acknowledged.
    await page.goto(`${options.siteUrl}/`).catch(() => undefined);
    const unacknowledged = await drainAppOutbox(page, options.drainMs ?? 30_000);
    return { name, userId: account.id, workoutId, newestSave, unacknowledged };
  } finally {
    await context.close().catch(() => undefined);
  }
}

/** Plays the page's video until it runs (at most 15 s), uncounted. */
async function warmUp(page: Page, device: PlayerDevice, signal: AbortSignal): Promise<void> {
  const until = Date.now() + 15_000;
  while (!signal.aborted && Date.now() < until) {
    const s = await playerState(page).catch(() => ({ status: null, alert: false, time: -1, ended: false }));
    if ((s.status === 'playing' && s.time > 0) || s.alert || s.status === 'error') return;
    if (s.status === 'paused') await pressPlay(page, device);
    await sleep(200, signal);
  }
}

/** Presses play: the Play button on web; on a TV, the remote's OK on the player if no button takes the click. */
async function pressPlay(page: Page, device: PlayerDevice): Promise<void> {
  const clicked = await page
    .getByRole('button', { name: /^Play\b/ })
    .click({ timeout: 1_000 })
    .then(() => true)
    .catch(() => false);
  if (!clicked && device === 'tv') await page.keyboard.press('Enter').catch(() => undefined);
}

/** Saves position 0, now, for the next play: the default path, then each region's pinned path (as the app falls back). */
async function resetProgress(page: Page, siteUrl: string, workoutId: string): Promise<void> {
  const path = `/api/progress/${workoutId}`;
  const data = { positionSec: 0, durationSec: 1, savedAt: Date.now() };
  for (const route of [path, ...FALLBACK_ROLES.map((role) => regionPinnedPath(role, path))]) {
    const answer = await page.request.put(`${siteUrl}${route}`, { data, timeout: 5_000 }).catch(() => null);
    if (answer?.ok()) return;
  }
}

/**
 * The app's outbox entries in this page's localStorage, under the outbox's own key (a JSON array of
 * `{key, write: {kind, savedAt?, …}, …}`, an entry removed only when a region acknowledged it);
 * none when it holds none, or is unreadable.
 */
async function appOutbox(page: Page): Promise<OutboxSnapshotEntry[]> {
  const text = await page.evaluate((key) => window.localStorage.getItem(key), OUTBOX_STORAGE_KEY).catch(() => null);
  if (!text) return [];
  try {
    const value = JSON.parse(text) as unknown;
    if (!Array.isArray(value)) return [];
    return value.map((entry: { write?: { kind?: unknown; savedAt?: unknown } }) => {
      const kind = entry.write?.kind === 'progress' || entry.write?.kind === 'view' ? entry.write.kind : 'other';
      return typeof entry.write?.savedAt === 'number' ? { kind, savedAt: entry.write.savedAt } : { kind };
    });
  } catch {
    return [];
  }
}

/**
 * Gives the app's outbox up to `withinMs` to deliver what it holds (it retries on its own timer,
 * and sends everything waiting on a page load), looking every half second and loading the page
 * again once half-way; what is left then was never acknowledged.
 */
async function drainAppOutbox(page: Page, withinMs: number): Promise<OutboxSnapshotEntry[]> {
  const until = Date.now() + withinMs;
  let reloaded = false;
  for (;;) {
    const left = await appOutbox(page);
    if (left.length === 0 || Date.now() >= until) return left;
    if (!reloaded && Date.now() >= until - withinMs / 2) {
      reloaded = true;
      await page.reload().catch(() => undefined);
    }
    await sleep(500);
  }
}

/** A few real players (Chromium) for the length of the drill, alternately on web and TV pages; their counts and writes at the end. */
export async function runRealPlayers(options: RealPlayersOptions): Promise<RealPlayerCounts> {
  const counts: RealPlayerCounts = { plays: 0, failedPlays: 0, stalls: 0, writes: [] };
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const writes = await Promise.all(
      options.accounts.map((account, i) => {
        const device: PlayerDevice = i % 2 === 0 ? 'web' : 'tv';
        const workoutId = options.workoutIds[i % options.workoutIds.length] ?? 'w-yoga-01';
        return playLoop(browser, options, account, workoutId, `player-${device}-${i + 1}`, device, counts);
      }),
    );
    counts.writes.push(...writes);
  } finally {
    await browser.close();
  }
  return counts;
}
