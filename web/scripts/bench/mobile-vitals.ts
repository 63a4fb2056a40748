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

/** One resource of a load, ms after navigation start (Resource Timing), for the LCP waterfall. */
export interface LoadedResource {
  readonly path: string;
  readonly initiator: string;
  readonly startMs: number;
  readonly responseStartMs: number;
  readonly endMs: number;
  /** Bytes on the wire (the local CloudFront sends identity: AWS would compress). */
  readonly bytes: number;
  /** Chromium's renderBlockingStatus: 'blocking' for what held the first paint. */
  readonly renderBlocking: boolean;
}

/** The load whose LCP was the median one: what was painted, when, and what the network did. */
export interface MedianLoad {
  readonly lcpMs: number;
  /** The LCP element, as tag.class, with its text's start for a text block. */
  readonly lcpElement: string;
  /** The LCP image's path; '' for a text block. */
  readonly lcpUrl: string;
  readonly fcpMs: number;
  readonly htmlEndMs: number;
  readonly hydratedMs: number | null;
  /** Every LCP candidate in the order Chromium reported them. */
  readonly candidates: readonly { readonly ms: number; readonly size: number; readonly element: string; readonly url: string }[];
  readonly resources: readonly LoadedResource[];
}

export interface PageVitals {
  readonly page: string;
  readonly path: string;
  /**
   * Largest contentful paint, ms after navigation start, per cold load: read once the signed-in
   * rows are there and every image they brought into the viewport has painted (a late poster is
   * a candidate too).
   */
  readonly lcpSamplesMs: readonly number[];
  readonly lcpP50Ms: number;
  /** The LCP element of each load (tag.class). */
  readonly lcpElements: readonly string[];
  readonly medianLoad: MedianLoad;
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

interface InPageVitals {
  lcpMs: number;
  candidates: { ms: number; size: number; element: string; url: string }[];
  fcpMs: number;
  hydratedMs: number | null;
  shifts: (LayoutShift & { moved: string[] })[];
}

declare global {
  interface Window {
    __strideVitals?: InPageVitals;
  }
}

function observeVitals(): void {
  const vitals: InPageVitals = { lcpMs: 0, candidates: [], fcpMs: 0, hydratedMs: null, shifts: [] };
  // No named helpers in here: the bundler's name-keeping wrapper does not exist in the page.
  window.__strideVitals = vitals;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & { element: Element | null; url: string; size: number })[]) {
      vitals.lcpMs = entry.startTime;
      const el = entry.element;
      vitals.candidates.push({
        ms: Number(entry.startTime.toFixed(0)),
        size: entry.size,
        element: el
          ? `${el.tagName.toLowerCase()}${typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}` +
            (entry.url ? '' : ` "${(el.textContent ?? '').trim().slice(0, 32)}"`)
          : '(removed)',
        url: entry.url ? new URL(entry.url).pathname : '',
      });
    }
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') vitals.fcpMs = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
  // Init scripts run before <html> exists: watch the document's subtree for the attribute.
  new MutationObserver((_, observer) => {
    if (document.documentElement.dataset.hydrated !== 'true') return;
    vitals.hydratedMs = performance.now();
    observer.disconnect();
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-hydrated'] });
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

/** Resource Timing of the load and when the HTML ended, read in the page. */
function loadTimings(): { htmlEndMs: number; resources: LoadedResource[] } {
  // No named helpers in here either (see observeVitals).
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return {
    htmlEndMs: Math.round(nav?.responseEnd ?? 0),
    resources: (performance.getEntriesByType('resource') as (PerformanceResourceTiming & { renderBlockingStatus?: string })[]).map((r) => ({
      path: new URL(r.name).pathname,
      initiator: r.initiatorType,
      startMs: Math.round(r.startTime),
      responseStartMs: Math.round(r.responseStart),
      endMs: Math.round(r.responseEnd),
      bytes: r.transferSize,
      renderBlocking: r.renderBlockingStatus === 'blocking',
    })),
  };
}

/** Whether every image that shows in the viewport has loaded (a lazy one in view loads too). */
function viewportImagesLoaded(): boolean {
  return [...document.images].every((img) => {
    const box = img.getBoundingClientRect();
    const shows = box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
    return !shows || img.complete;
  });
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
    const loads: MedianLoad[] = [];
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
        // viewer sees them arrive (on home the resume cards, not the frame's loading state, which
        // has the heading already), then for two frames so their layout shift is reported.
        const rows =
          name === 'home' ? page.getByRole('region', { name: 'Continue watching' }).getByRole('listitem') : page.getByRole('progressbar');
        const shown = await rows
          .first()
          .waitFor({ timeout: timeoutMs })
          .then(() => true)
          .catch(() => false);
        if (shown) rowsShown += 1;
        // What the rows bring into view (a resume card's poster) is a largest-contentful-paint
        // candidate too: read LCP only once every image in the viewport has loaded and painted.
        await page.waitForFunction(viewportImagesLoaded, undefined, { timeout: timeoutMs });
        await page.waitForLoadState('networkidle', { timeout: timeoutMs });
        await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
        const vitals = await page.evaluate(
          () => window.__strideVitals ?? { lcpMs: 0, candidates: [], fcpMs: 0, hydratedMs: null, shifts: [] },
        );
        const timings = await page.evaluate(loadTimings);
        const { hydratedMs } = vitals;
        const largest = vitals.candidates.at(-1);
        loads.push({
          lcpMs: Number(vitals.lcpMs.toFixed(0)),
          lcpElement: largest?.element ?? '',
          lcpUrl: largest?.url ?? '',
          fcpMs: Number(vitals.fcpMs.toFixed(0)),
          htmlEndMs: timings.htmlEndMs,
          hydratedMs: hydratedMs === null ? null : Number(hydratedMs.toFixed(0)),
          candidates: vitals.candidates,
          resources: timings.resources,
        });
        lcp.push(Number(vitals.lcpMs.toFixed(0)));
        const value = cumulativeLayoutShift(vitals.shifts);
        if (value >= Math.max(0, ...cls))
          worstShifts = vitals.shifts.filter((x) => !x.hadRecentInput).map((x) => ({ value: Number(x.value.toFixed(4)), moved: x.moved }));
        cls.push(value);
        log(
          `mobile ${name} ${i + 1}/${mobileRuns}: LCP ${vitals.lcpMs.toFixed(0)} ms (${largest?.element ?? '?'}${largest?.url ? ` ${largest.url}` : ''}), FCP ${vitals.fcpMs.toFixed(0)} ms, CLS ${cls.at(-1)}`,
        );
      } finally {
        await context.close();
      }
    }
    out.push({
      page: name,
      path,
      lcpSamplesMs: lcp,
      lcpP50Ms: Number(median(lcp).toFixed(0)),
      lcpElements: loads.map((l) => l.lcpElement),
      medianLoad: medianLoadOf(loads),
      clsSamples: cls,
      clsMax: Math.max(...cls),
      signedInRowsShown: rowsShown,
      worstShifts,
    });
  }
  return { profile: MOBILE_PROFILE, pages: out };
}

/** The load whose LCP is the median (the lower middle of an even count). */
export function medianLoadOf<T extends { readonly lcpMs: number }>(loads: readonly T[]): T {
  const sorted = [...loads].sort((a, b) => a.lcpMs - b.lcpMs);
  const load = sorted[Math.floor((sorted.length - 1) / 2)];
  if (load === undefined) throw new Error('no loads to take the median of');
  return load;
}
