/**
 * `npm run bench:web`, for the built site (run `npm run build` first):
 *   1. initial JS (gzip -9) per page type, from the scripts and modulepreloads each built HTML names;
 *   2. prerender pages/s on 1,000- and 10,000-program synthetic catalogs through the build's
 *      page loop (SSR bundle), beside a bare renderToString loop over the same pages;
 *   3. React Router framework-mode `prerender` (framework-mode/) against that page loop, both over
 *      every page of a 1,000-program catalog: prerender pages/s, ratio, framework build time;
 *   4. in Debian Chromium against the local stack (loopback): time to first frame of the app on
 *      /watch, from a program page's link (client-side navigation) and on a TV, each alternated
 *      with a bare hls.js page (same CDN, cookies, stream) in the same run, p50/p95 and the ratio,
 *      with each start's waterfall; then LCP and CLS of home and a program page under a mobile
 *      profile (CPU ×4, fast 3G).
 * Prints a table and writes bench-results/web.json.
 *
 * BENCH_WEB_SAMPLE (pages timed per catalog, default 200), BENCH_WEB_CATALOGS (default
 * "1000,10000"), BENCH_WEB_PRERENDER=off to skip part 2, BENCH_WEB_PLAYS (rounds of plays,
 * default 5), BENCH_WEB_MOBILE_RUNS (cold loads per page, default 3), BENCH_WEB_TTFF=off to skip
 * the browser part;
 * BENCH_WEB_FRAMEWORK=off to skip part 3, BENCH_WEB_FRAMEWORK_PROGRAMS (default 1000),
 * BENCH_WEB_FRAMEWORK_RUNS (default 1), BENCH_WEB_FRAMEWORK_CONCURRENCY (React Router's
 * prerender.concurrency, default 1: one page at a time, as the build's loop).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { webPaths } from '../paths';
import { INITIAL_JS_BUDGET_GZIP as BUDGET_GZIP, pageTypes, pageTypesJs, withinBudget } from './initial-js';
import type { ClientManifest } from '../lazy-route-chunks';
import type { FrameworkComparison } from './framework-mode/compare';
import type { PrerenderBench } from './prerender-bench';
import { benchBrowser, type BrowserBench, type TtffScenario } from './ttff';
import type { WaterfallRow } from './waterfall';

// The build prerenders after Vite has set NODE_ENV=production (React's and Redux Toolkit's
// production builds, no dev checks): time the same. Set before React loads (dynamic import below).
process.env.NODE_ENV ??= 'production';

const OUT = path.join(webPaths.repoRoot, 'bench-results', 'web.json');
const SAMPLE = Number(process.env.BENCH_WEB_SAMPLE ?? 200);
const CATALOGS = (process.env.BENCH_WEB_CATALOGS ?? '1000,10000').split(',').map((s) => Number(s.trim()));
const PLAYS = Number(process.env.BENCH_WEB_PLAYS ?? 5);
const MOBILE_RUNS = Number(process.env.BENCH_WEB_MOBILE_RUNS ?? 3);
const PRERENDER = process.env.BENCH_WEB_PRERENDER !== 'off';
const TTFF = process.env.BENCH_WEB_TTFF !== 'off';
const FRAMEWORK = process.env.BENCH_WEB_FRAMEWORK !== 'off';
const FRAMEWORK_PROGRAMS = Number(process.env.BENCH_WEB_FRAMEWORK_PROGRAMS ?? 1000);
const FRAMEWORK_RUNS = Number(process.env.BENCH_WEB_FRAMEWORK_RUNS ?? 1);
const FRAMEWORK_CONCURRENCY = Number(process.env.BENCH_WEB_FRAMEWORK_CONCURRENCY ?? 1);
const WORKOUT = 'w-hiit30-01';
const PROGRAM = 'hiit-30';
/** Its saved progress puts "Continue watching" on the home page for the mobile profile. */
const RESUME_WORKOUT = 'w-hiit30-02';

const kib = (bytes: number, per = 1) => (bytes / per / 1024).toFixed(1);
const log = (line: string) => console.error(`[bench:web] ${line}`);

function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [headers, ...rows].map((r) => r.map(String));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(cells[0] ?? []), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}

async function benchInitialJs() {
  const manifest = JSON.parse(await readFile(path.join(webPaths.distDir, 'client-manifest.json'), 'utf8')) as ClientManifest;
  return pageTypesJs(webPaths.clientDir, manifest, pageTypes(PROGRAM));
}

async function main(): Promise<void> {
  if (!existsSync(webPaths.template) || !existsSync(path.join(webPaths.clientDir, 'index.html'))) {
    throw new Error('no web build in web/dist: run `npm run build` first');
  }
  if (
    !Number.isInteger(SAMPLE) ||
    SAMPLE < 1 ||
    !Number.isInteger(PLAYS) ||
    PLAYS < 1 ||
    !Number.isInteger(MOBILE_RUNS) ||
    MOBILE_RUNS < 1 ||
    CATALOGS.some((n) => !Number.isInteger(n) || n < 1 || n > 100_000)
  ) {
    throw new Error(
      'BENCH_WEB_SAMPLE, BENCH_WEB_PLAYS and BENCH_WEB_MOBILE_RUNS must be positive integers, BENCH_WEB_CATALOGS a list of program counts (1..100000)',
    );
  }
  if (
    [FRAMEWORK_PROGRAMS, FRAMEWORK_RUNS, FRAMEWORK_CONCURRENCY].some((n) => !Number.isInteger(n) || n < 1) ||
    FRAMEWORK_PROGRAMS > 100_000
  ) {
    throw new Error(
      'BENCH_WEB_FRAMEWORK_PROGRAMS (1..100000), BENCH_WEB_FRAMEWORK_RUNS and BENCH_WEB_FRAMEWORK_CONCURRENCY must be positive integers',
    );
  }
  const started = performance.now();

  const initialJs = await benchInitialJs();
  const { benchPrerender } = await import('./prerender-bench');
  const prerender: PrerenderBench[] = [];
  if (PRERENDER) for (const programs of CATALOGS) prerender.push(await benchPrerender(programs, SAMPLE, log));
  let framework: FrameworkComparison | undefined;
  if (FRAMEWORK && PRERENDER) {
    const { compareFrameworkMode } = await import('./framework-mode/compare');
    framework = await compareFrameworkMode(FRAMEWORK_PROGRAMS, FRAMEWORK_RUNS, FRAMEWORK_CONCURRENCY, log);
  }
  const browser: BrowserBench | undefined = TTFF
    ? await benchBrowser({
        plays: PLAYS,
        workoutId: WORKOUT,
        programSlug: PROGRAM,
        resumeWorkoutId: RESUME_WORKOUT,
        mobileRuns: MOBILE_RUNS,
        timeoutMs: 60_000,
        log,
      })
    : undefined;
  console.log('\nInitial JS per page type (gzip -9 of every script/modulepreload the built HTML names)');
  console.log(
    table(
      ['page', 'object', 'files', 'raw KiB', 'gzip KiB', `budget ${kib(BUDGET_GZIP)} KiB`],
      initialJs.map((r) => [
        r.page,
        r.objectKey,
        r.files.length,
        kib(r.bytes),
        kib(r.gzipBytes) +
          (r.appAfterFirstFrame ? ` (+${kib(r.appAfterFirstFrame.gzipBytes)} app, started after the first frame)` : '') +
          (r.routeBesideHydration ? ` (+${kib(r.routeBesideHydration.gzipBytes)} lazy route, loads beside hydration)` : ''),
        withinBudget(r) ? 'ok' : 'OVER',
      ]),
    ),
  );
  console.log('\nPrerender throughput (build path: SSR bundle renderPage + template + write to a temp folder)');
  console.log(
    table(
      ['catalog', 'pages', 'timed', 'build path pages/s', 'bare renderToString pages/s', 'ratio', 'mean page KiB'],
      prerender.map((p) => [
        `${p.programs} programs`,
        p.catalogPages,
        p.sampledPages,
        p.buildPathPagesPerSec,
        p.bareRenderToStringPagesPerSec,
        p.ratio,
        kib(p.meanPageBytes),
      ]),
    ),
  );
  if (framework) {
    const m = framework.median;
    console.log(
      `\nPrerender: React Router framework mode (\`ssr: false\`, \`prerender\`, concurrency ${framework.concurrency}) vs the build's data-API loop, every page of ${framework.programs} programs (${framework.pages} pages), same process` +
        (framework.runs.length > 1 ? `, median of ${framework.runs.length} runs alternating order` : ''),
    );
    console.log(
      table(
        ['path', 'pages/s', 'ratio', 'pages per CPU-s', 'CPU ratio', 'notes'],
        [
          [
            'data API (renderPagesTo)',
            m.dataApiPagesPerSec,
            '1',
            m.dataApiPagesPerCpuSec,
            '1',
            `HTML ${kib(framework.runs[0]?.dataApi.htmlBytes ?? 0, framework.pages)} KiB/page`,
          ],
          [
            'framework prerender phase',
            m.frameworkPrerenderPagesPerSec,
            m.ratio,
            m.frameworkPrerenderPagesPerCpuSec,
            m.cpuRatio,
            `HTML ${kib(framework.runs[0]?.framework.htmlBytes ?? 0, framework.pages)} KiB/page + .data ${kib(framework.runs[0]?.framework.dataBytes ?? 0, framework.pages)} KiB/page`,
          ],
          [
            'framework, first→last page',
            m.frameworkSteadyPagesPerSec,
            Number((m.frameworkSteadyPagesPerSec / m.dataApiPagesPerSec).toFixed(3)),
            '',
            '',
            'cold start and SPA fallback excluded',
          ],
          ['framework whole build', '', '', '', '', `${m.frameworkTotalBuildSec} s (Vite client + server build + prerender)`],
        ],
      ),
    );
    console.log(
      `faster on ${framework.pages} pages: ${m.ratio >= 1 ? `framework mode, ×${m.ratio}` : `data API, ×${(1 / m.ratio).toFixed(2)}`}`,
    );
  }
  if (browser) printBrowser(browser);

  const result = {
    when: new Date().toISOString(),
    node: process.version,
    initialJs: initialJs.map((r) => ({ ...r, budgetGzipBytes: BUDGET_GZIP, withinBudget: withinBudget(r) })),
    prerender,
    frameworkPrerender: framework ?? null,
    ttff: browser
      ? {
          p50Ms: browser.ttff.watch.p50Ms,
          p95Ms: browser.ttff.watch.p95Ms,
          bareP50Ms: browser.ttff.bare.p50Ms,
          ratio: browser.ttff.watch.ratio,
          ...browser.ttff,
        }
      : null,
    mobile: browser?.mobile ?? null,
    loadAverage: browser?.loadAverage ?? null,
    seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
  };
  await mkdir(path.dirname(OUT), { recursive: true });
  await writeFile(OUT, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(process.cwd(), OUT)} (${result.seconds} s)`);
}

function waterfallTable(rows: readonly { name: string; waterfall: readonly WaterfallRow[] }[]): string {
  const steps = rows[0]?.waterfall.map((r) => r.step) ?? [];
  const cell = (w: readonly WaterfallRow[], step: string) => {
    const r = w.find((x) => x.step === step);
    if (!r || r.endMs === null) return '–';
    return r.startMs === null ? `→ ${r.endMs}` : `${r.startMs} → ${r.endMs} (${(r.endMs - r.startMs).toFixed(0)})`;
  };
  return table(
    ['step (median ms: start → end (took))', ...rows.map((r) => r.name)],
    steps.map((step) => [step, ...rows.map((r) => cell(r.waterfall, step))]),
  );
}

function printBrowser({ ttff, mobile, loadAverage }: BrowserBench): void {
  console.log(
    `\nTime to first frame, ${ttff.workoutId}, Debian Chromium through the local CDN, ${ttff.plays} rounds alternating with the bare hls.js page (load average ${loadAverage.start.join(' ')} → ${loadAverage.end.join(' ')})`,
  );
  const row = (name: string, s: TtffScenario) => [name, s.p50Ms, s.p95Ms, ttff.bare.p50Ms, s.ratio, s.samplesMs.join(', ')];
  console.log(
    table(
      ['start', 'p50 ms', 'p95 ms', 'bare p50 ms', 'ratio (goal ≤ 1.2)', 'samples ms'],
      [
        row('bare hls.js page (floor)', ttff.bare),
        row('/watch opened', ttff.watch),
        row('program page → click (client-side)', ttff.clientNavigation),
        row('TV /watch (Roku)', ttff.tv),
      ],
    ),
  );
  console.log('\nWhere the time goes (ms after navigation start, or after the click)');
  console.log(
    waterfallTable([
      { name: '/watch', waterfall: ttff.watch.waterfall },
      { name: 'click', waterfall: ttff.clientNavigation.waterfall },
      { name: 'TV', waterfall: ttff.tv.waterfall },
      { name: 'bare', waterfall: ttff.bare.waterfall },
    ]),
  );
  const p = mobile.profile;
  console.log(
    `\nMobile profile (CPU ×${p.cpuSlowdown}, ${p.latencyMs} ms RTT, ${((p.downloadBytesPerSec * 8) / 1e6).toFixed(2)} Mbps down), signed in, cold loads`,
  );
  console.log(
    table(
      ['page', 'LCP p50 ms (goal ≤ 2500)', 'CLS max (goal ≤ 0.1)', 'LCP samples', 'CLS samples', 'signed-in rows shown'],
      mobile.pages.map((v) => [
        v.page,
        v.lcpP50Ms,
        v.clsMax,
        v.lcpSamplesMs.join(', '),
        v.clsSamples.join(', '),
        `${v.signedInRowsShown}/${v.clsSamples.length}`,
      ]),
    ),
  );
  for (const v of mobile.pages) {
    const moved = v.worstShifts.filter((s) => s.value >= 0.01).map((s) => `${s.value} (${s.moved.join(', ')})`);
    if (moved.length > 0) console.log(`${v.page}: the worst load's shifts: ${moved.join('; ')}`);
  }
}

main().catch((error: unknown) => {
  console.error(`bench:web: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
