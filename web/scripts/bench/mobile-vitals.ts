import type { Browser, BrowserContextOptions } from 'playwright';
import type { LocalStack } from '@stride/e2e/local-stack';
import { cumulativeLayoutShift, type LayoutShift } from './layout-shift';
import { median } from './stats';

/**
 * Chromium DevTools' "Fast 3G" preset (562.5 ms round trip, 1.44 Mbps down and 675 kbps up, each
 * × 0.9 as DevTools applies them) and its 4× CPU slowdown, through the DevTools protocol.
 */
export const MOBILE_PROFILE = {
  cpuSlowdown: 4,
  latencyMs: 562.5,
  downloadBytesPerSec: (1.44e6 / 8) * 0.9,
  uploadBytesPerSec: (675e3 / 8) * 0.9,
} as const;

export interface PageVitals {
  readonly page: string;
  readonly path: string;
  /** Largest contentful paint, ms after navigation start, per cold load. */
  readonly lcpSamplesMs: readonly number[];
  readonly lcpP50Ms: number;
  /** Cumulative layout shift per load (session windows), including the signed-in rows after hydration. */
  readonly clsSamples: readonly number[];
  readonly clsMax: number;
  /** Loads in which the signed-in rows were there when measured ("Continue watching" on home, workout progress on a program page). */
  readonly signedInRowsShown: number;
  /** What moved in the worst load: each shift's value and the elements it moved (tag.class). */
  readonly worstShifts: readonly { readonly value: number; readonly moved: readonly string[] }[];
}

export interface MobileVitals {
  readonly profile: typeof MOBILE_PROFILE;
  readonly pages: readonly PageVitals[];
}

declare global {
  interface Window {
    __strideVitals?: { lcpMs: number; shifts: (LayoutShift & { moved: string[] })[] };
  }
}

function observeVitals(): void {
  const vitals: { lcpMs: number; shifts: (LayoutShift & { moved: string[] })[] } = { lcpMs: 0, shifts: [] };
  // No named helpers in here: the bundler's name-keeping wrapper does not exist in the page.
  window.__strideVitals = vitals;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) vitals.lcpMs = entry.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & {
      value: number;
      hadRecentInput: boolean;
      sources?: { node: Node | null }[];
    })[]) {
      vitals.shifts.push({
        startTime: entry.startTime,
        value: entry.value,
        hadRecentInput: entry.hadRecentInput,
        moved: (entry.sources ?? []).map(({ node }) =>
          node instanceof Element
            ? `${node.tagName.toLowerCase()}${typeof node.className === 'string' && node.className.trim() ? `.${node.className.trim().split(/\s+/).join('.')}` : ''}`
            : String(node?.nodeName),
        ),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

// A mid-range Android phone's viewport.
const MOBILE: BrowserContextOptions = {
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
};

/**
 * LCP and CLS of the home page and a program page, signed in (so "Continue watching" and the
 * workouts' progress arrive after hydration), each a cold load (a fresh context, empty cache)
 * under the mobile profile. A load is over when the app has hydrated and the network is idle.
 */
export async function benchMobileVitals(
  stack: LocalStack,
  browser: Browser,
  {
    storageState,
    programSlug,
    mobileRuns,
    timeoutMs,
    log,
  }: {
    storageState: BrowserContextOptions['storageState'];
    programSlug: string;
    mobileRuns: number;
    timeoutMs: number;
    log: (line: string) => void;
  },
): Promise<MobileVitals> {
  const pages = [
    { page: 'home', path: '/' },
    { page: 'program', path: `/programs/${programSlug}` },
  ];
  const out: PageVitals[] = [];
  for (const { page: name, path } of pages) {
    const lcp: number[] = [];
    const cls: number[] = [];
    let worstShifts: PageVitals['worstShifts'] = [];
    let rowsShown = 0;
    for (let i = 0; i < mobileRuns; i += 1) {
      const context = await browser.newContext({ ...MOBILE, baseURL: stack.siteUrl, storageState });
      try {
        await context.addInitScript(observeVitals);
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: MOBILE_PROFILE.latencyMs,
          downloadThroughput: MOBILE_PROFILE.downloadBytesPerSec,
          uploadThroughput: MOBILE_PROFILE.uploadBytesPerSec,
        });
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE_PROFILE.cpuSlowdown });
        await page.goto(path, { timeout: timeoutMs });
        await page.locator('html[data-hydrated="true"]').waitFor({ timeout: timeoutMs });
        await page.waitForLoadState('networkidle', { timeout: timeoutMs });
        // The signed-in rows come after hydration, a few round trips later (their chunks, then
        // /api/progress), possibly after the network was idle for a while: wait for them, as the
        // viewer sees them arrive, then for two frames so their layout shift is reported.
        const rows = name === 'home' ? page.getByRole('heading', { name: 'Continue watching' }) : page.getByRole('progressbar');
        const shown = await rows
          .first()
          .waitFor({ timeout: timeoutMs })
          .then(() => true)
          .catch(() => false);
        if (shown) rowsShown += 1;
        await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
        const vitals = await page.evaluate(() => window.__strideVitals ?? { lcpMs: 0, shifts: [] });
        lcp.push(Number(vitals.lcpMs.toFixed(0)));
        const value = cumulativeLayoutShift(vitals.shifts);
        if (value >= Math.max(0, ...cls))
          worstShifts = vitals.shifts.filter((x) => !x.hadRecentInput).map((x) => ({ value: Number(x.value.toFixed(4)), moved: x.moved }));
        cls.push(value);
        log(`mobile ${name} ${i + 1}/${mobileRuns}: LCP ${vitals.lcpMs.toFixed(0)} ms, CLS ${cls.at(-1)}`);
      } finally {
        await context.close();
      }
    }
    out.push({
      page: name,
      path,
      lcpSamplesMs: lcp,
      lcpP50Ms: Number(median(lcp).toFixed(0)),
      clsSamples: cls,
      clsMax: Math.max(...cls),
      signedInRowsShown: rowsShown,
      worstShifts,
    });
  }
  return { profile: MOBILE_PROFILE, pages: out };
}
