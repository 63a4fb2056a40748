import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { AUTOPLAY_ALLOWED, CHROMIUM, CHROMIUM_ARGS } from '@stride/e2e/chromium';
import { startLocalStack, type LocalStack } from '@stride/e2e/local-stack';
import { webPaths } from '../paths';
import { barePlayerHtml, hlsScript } from './bare-player';
import { benchMobileVitals, type MobileVitals } from './mobile-vitals';
import { ratioOf, summarize, type Summary } from './stats';
import { medianWaterfall, waterfallOf, type PageTimings, type WaterfallRow } from './waterfall';

export interface TtffScenario extends Summary {
  /** app p50 / bare p50, both from this run. */
  readonly ratio: number;
  readonly waterfall: readonly WaterfallRow[];
}

export interface TtffBench {
  readonly workoutId: string;
  readonly plays: number;
  /** The bare hls.js page: same CDN, same cookies, same stream; played before each app play. */
  readonly bare: TtffScenario;
  /** /watch/<id> opened directly (a page load). */
  readonly watch: TtffScenario;
  /** A click on the workout in its program page (client-side navigation), from the click. */
  readonly clientNavigation: TtffScenario;
  /** /watch/<id> opened directly by a TV (Roku user agent: the edge serves the TV objects). */
  readonly tv: TtffScenario;
}

export interface BrowserBench {
  readonly ttff: TtffBench;
  readonly mobile: MobileVitals;
  /** `uptime` load averages at the start and end: the machine these figures came from. */
  readonly loadAverage: { readonly start: readonly number[]; readonly end: readonly number[] };
}

// As the e2e suite runs Chromium; the bench times the player starting by itself.
const ARGS = [...CHROMIUM_ARGS, AUTOPLAY_ALLOWED];
// A Roku: one of the TV families the edge recognizes (as e2e/tests/tv.spec.ts).
const ROKU = 'Roku/DVP-12.5 (12.5.0.4179)';

declare global {
  interface Window {
    __strideFirstPlaying?: number;
    __strideHydratedAt?: number;
    __strideClickAt?: number;
  }
}

/** In every page: the first `playing`, the moment the app hydrated, and a click on a /watch link, all in performance.now() time. */
function instrument(): void {
  document.addEventListener(
    'playing',
    (event) => {
      if (event.target instanceof HTMLVideoElement && window.__strideFirstPlaying === undefined)
        window.__strideFirstPlaying = performance.now();
    },
    true,
  );
  document.addEventListener(
    'click',
    (event) => {
      const link = event.target instanceof Element ? event.target.closest('a[href^="/watch/"]') : null;
      if (link && window.__strideClickAt === undefined) window.__strideClickAt = performance.now();
    },
    true,
  );
  // Init scripts run before <html> exists: watch the document's subtree for the attribute.
  new MutationObserver((_, observer) => {
    if (document.documentElement.dataset.hydrated !== 'true') return;
    window.__strideHydratedAt = performance.now();
    observer.disconnect();
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-hydrated'] });
}

function collectTimings(): PageTimings {
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return {
    originMs: window.__strideClickAt ?? 0,
    navigation: nav ? { responseStart: nav.responseStart, responseEnd: nav.responseEnd } : null,
    resources: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({
      name: r.name,
      startTime: r.startTime,
      responseEnd: r.responseEnd,
    })),
    marks: performance.getEntriesByType('mark').map((m) => ({ name: m.name, startTime: m.startTime })),
    hydratedMs: window.__strideHydratedAt ?? null,
    firstPlayingMs: window.__strideFirstPlaying ?? null,
  };
}

interface Play {
  readonly ms: number;
  readonly timings: PageTimings;
}

async function firstPlaying(page: Page, timeoutMs: number): Promise<Play> {
  await page.waitForFunction(() => window.__strideFirstPlaying, undefined, { timeout: timeoutMs });
  const timings = await page.evaluate(collectTimings);
  return { ms: (timings.firstPlayingMs ?? 0) - timings.originMs, timings };
}

async function withPage<T>(context: BrowserContext, run: (page: Page) => Promise<T>): Promise<T> {
  const page = await context.newPage();
  try {
    return await run(page);
  } finally {
    await page.close();
  }
}

const scenario = (plays: readonly Play[], bareP50: number): TtffScenario => {
  const summary = summarize(plays.map((p) => p.ms));
  return { ...summary, ratio: ratioOf(summary.p50Ms, bareP50), waterfall: medianWaterfall(plays.map((p) => waterfallOf(p.timings))) };
};

const loadAverage = async (): Promise<number[]> => {
  const { loadavg } = await import('node:os');
  return loadavg().map((n) => Number(n.toFixed(2)));
};

export interface BrowserBenchOptions {
  readonly plays: number;
  readonly workoutId: string;
  readonly programSlug: string;
  /** A workout whose saved progress puts "Continue watching" on the home page (not the timed one). */
  readonly resumeWorkoutId: string;
  readonly mobileRuns: number;
  readonly timeoutMs: number;
  readonly log: (line: string) => void;
}

/**
 * In Debian Chromium against the local stack (free loopback ports), signed in as demo@stride.test:
 * time to first frame (first `playing`) of the app on /watch, from a program page's link, and on a
 * TV, each alternated with the bare hls.js page (the floor); then the mobile profile's LCP and CLS.
 */
export async function benchBrowser(options: BrowserBenchOptions): Promise<BrowserBench> {
  const startLoad = await loadAverage();
  // The bare page is served from the media bucket (the /media/* behavior, signed cookies): the
  // site behavior serves only the route table's pages as HTML. The stack gets a copy of the
  // bucket (STRIDE_MEDIA_DIR), so the page never lands in the committed web/media.
  const mediaCopy = await mkdtemp(path.join(tmpdir(), 'stride-bench-media-'));
  await cp(path.join(webPaths.webDir, 'media'), mediaCopy, { recursive: true });
  const mediaBefore = process.env.STRIDE_MEDIA_DIR;
  process.env.STRIDE_MEDIA_DIR = mediaCopy;
  let stack: LocalStack;
  try {
    stack = await startLocalStack();
  } finally {
    if (mediaBefore === undefined) delete process.env.STRIDE_MEDIA_DIR;
    else process.env.STRIDE_MEDIA_DIR = mediaBefore;
  }
  try {
    if (!/^http:\/\/(localhost|127\.0\.0\.1|\[::1\])[:/]/.test(stack.siteUrl))
      throw new Error(`local stack is not on loopback: ${stack.siteUrl}`);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const storageState = await signIn(stack, browser, options);
      const ttff = await benchTtff(stack, browser, storageState, mediaCopy, options);
      const mobile = await benchMobileVitals(stack, browser, { ...options, storageState });
      return { ttff, mobile, loadAverage: { start: startLoad, end: await loadAverage() } };
    } finally {
      await browser.close();
    }
  } finally {
    await stack.stop();
    await rm(mediaCopy, { recursive: true, force: true });
  }
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/** Signs in once (the API limits sign-ins per address) for every context to share that session. */
async function signIn(stack: LocalStack, browser: Browser, { workoutId, resumeWorkoutId }: BrowserBenchOptions): Promise<StorageState> {
  const context = await browser.newContext({ baseURL: stack.siteUrl });
  const login = await context.request.post('/api/auth/login', { data: { email: 'demo@stride.test', password: 'stride-demo-1' } });
  if (!login.ok()) throw new Error(`sign-in failed: ${login.status()} ${await login.text()}`);
  // The timed workout starts from 0 each play; another one fills "Continue watching".
  const cleared = await context.request.put(`/api/progress/${encodeURIComponent(workoutId)}`, {
    data: { positionSec: 0, durationSec: 1800 },
  });
  const resume = await context.request.put(`/api/progress/${encodeURIComponent(resumeWorkoutId)}`, {
    data: { positionSec: 300, durationSec: 1800 },
  });
  if (!cleared.ok() || !resume.ok()) throw new Error(`progress seed failed: ${cleared.status()} / ${resume.status()}`);
  const storageState = await context.storageState();
  await context.close();
  return storageState;
}

async function benchTtff(
  stack: LocalStack,
  browser: Browser,
  storageState: StorageState,
  mediaDir: string,
  { plays, workoutId, programSlug, timeoutMs, log }: BrowserBenchOptions,
): Promise<TtffBench> {
  const app = await browser.newContext({ baseURL: stack.siteUrl, storageState });
  const tv = await browser.newContext({ baseURL: stack.siteUrl, storageState, userAgent: ROKU });
  // The bare page is one inline script: a CSP without 'unsafe-inline' (the app's) would block it.
  const bare = await browser.newContext({ baseURL: stack.siteUrl, storageState, bypassCSP: true });
  for (const context of [app, tv, bare]) await context.addInitScript(instrument);

  const grantFor = async () => {
    const response = await bare.request.get(`/api/playback/${encodeURIComponent(workoutId)}`);
    if (!response.ok()) throw new Error(`playback grant for the bare page failed: ${response.status()}`);
    return ((await response.json()) as { hlsUrl: string }).hlsUrl;
  };
  // Beside the playlist, in the folder the grant's cookies open.
  const hlsUrl = await grantFor();
  const bareKey = `${path.posix.dirname(hlsUrl).replace(/^\//, '')}/bench-bare-hls-${randomBytes(6).toString('hex')}.html`;
  const bareFile = path.join(mediaDir, bareKey.replace(/^media\//, ''));
  await writeFile(bareFile, barePlayerHtml(await hlsScript(), hlsUrl));
  try {
    const check = await bare.request.get(`/${bareKey}`);
    if (!check.ok() || !(await check.text()).includes('hls.loadSource'))
      throw new Error(`the local CloudFront does not serve the bare page /${bareKey}: ${check.status()}`);

    const results = { bare: [] as Play[], watch: [] as Play[], clientNavigation: [] as Play[], tv: [] as Play[] };
    const playBare = async () => {
      await grantFor(); // fresh media cookies, as the app gets with its grant (not timed: the floor has no grant)
      results.bare.push(await withPage(bare, async (page) => (await page.goto(`/${bareKey}`), firstPlaying(page, timeoutMs))));
    };
    const watchPath = `/watch/${encodeURIComponent(workoutId)}`;
    for (let i = 0; i < plays; i += 1) {
      await playBare();
      results.watch.push(await withPage(app, async (page) => (await page.goto(watchPath), firstPlaying(page, timeoutMs))));
      await playBare();
      results.clientNavigation.push(
        await withPage(app, async (page) => {
          await page.goto(`/programs/${programSlug}`);
          await page.locator('html[data-hydrated="true"]').waitFor();
          await page.locator(`a[href="${watchPath}"]`).first().click();
          return firstPlaying(page, timeoutMs);
        }),
      );
      await playBare();
      results.tv.push(await withPage(tv, async (page) => (await page.goto(watchPath), firstPlaying(page, timeoutMs))));
      const last = (list: Play[]) => list.at(-1)?.ms.toFixed(0);
      log(
        `ttff round ${i + 1}/${plays}: bare ${results.bare
          .slice(-3)
          .map((p) => p.ms.toFixed(0))
          .join('/')} ms, /watch ${last(results.watch)}, click ${last(results.clientNavigation)}, TV ${last(results.tv)} ms`,
      );
    }
    const bareScenario = scenario(results.bare, 0);
    const floor = bareScenario.p50Ms;
    return {
      workoutId,
      plays,
      bare: { ...bareScenario, ratio: 1 },
      watch: scenario(results.watch, floor),
      clientNavigation: scenario(results.clientNavigation, floor),
      tv: scenario(results.tv, floor),
    };
  } finally {
    await rm(bareFile, { force: true });
    for (const context of [app, tv, bare]) await context.close();
  }
}
