/**
 * `npm run bench:web`, for the built site (run `npm run build` first):
 *   1. initial JS (gzip -9) per page type, from the scripts and modulepreloads each built HTML names;
 *   2. prerender pages/s on 1,000- and 10,000-program synthetic catalogs through the build's
 *      page loop (SSR bundle), beside a bare renderToString loop over the same pages;
 *   3. React Router framework-mode `prerender` (framework-mode/) against that page loop, both over
 *      every page of a 1,000-program catalog: prerender pages/s, ratio, framework build time;
 *   4. time to first frame on /watch in Debian Chromium against the local stack (loopback).
 * Prints a table and writes bench-results/web.json.
 *
 * BENCH_WEB_SAMPLE (pages timed per catalog, default 200), BENCH_WEB_CATALOGS (default
 * "1000,10000"), BENCH_WEB_PLAYS (default 5), BENCH_WEB_TTFF=off to skip the browser part;
 * BENCH_WEB_FRAMEWORK=off to skip part 3, BENCH_WEB_FRAMEWORK_PROGRAMS (default 1000),
 * BENCH_WEB_FRAMEWORK_RUNS (default 1), BENCH_WEB_FRAMEWORK_CONCURRENCY (React Router's
 * prerender.concurrency, default 1: one page at a time, as the build's loop).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { webPaths } from '../paths';
import { initialJsOf, lazyRouteFiles, fileSize, type InitialJs, type PageType } from './initial-js';
import type { FrameworkComparison } from './framework-mode/compare';
import type { PrerenderBench } from './prerender-bench';
import { benchTtff, type TtffBench } from './ttff';

// The build prerenders after Vite has set NODE_ENV=production (React's and Redux Toolkit's
// production builds, no dev checks): time the same. Set before React loads (dynamic import below).
process.env.NODE_ENV ??= 'production';

const OUT = path.join(webPaths.repoRoot, 'bench-results', 'web.json');
const BUDGET_GZIP = 120 * 1024;
const SAMPLE = Number(process.env.BENCH_WEB_SAMPLE ?? 200);
const CATALOGS = (process.env.BENCH_WEB_CATALOGS ?? '1000,10000').split(',').map((s) => Number(s.trim()));
const PLAYS = Number(process.env.BENCH_WEB_PLAYS ?? 5);
const TTFF = process.env.BENCH_WEB_TTFF !== 'off';
const FRAMEWORK = process.env.BENCH_WEB_FRAMEWORK !== 'off';
const FRAMEWORK_PROGRAMS = Number(process.env.BENCH_WEB_FRAMEWORK_PROGRAMS ?? 1000);
const FRAMEWORK_RUNS = Number(process.env.BENCH_WEB_FRAMEWORK_RUNS ?? 1);
const FRAMEWORK_CONCURRENCY = Number(process.env.BENCH_WEB_FRAMEWORK_CONCURRENCY ?? 1);
const WORKOUT = 'w-hiit30-01';
const PROGRAM = 'hiit-30';

/** Lazy routes (route-table.tsx) a page type resolves before hydrating, as client-manifest keys. */
const LAZY_ROUTES: Readonly<Record<string, readonly string[]>> = {
  login: ['src/app/routes/login.tsx', 'src/app/api-features.ts'],
  account: ['src/app/routes/account.tsx', 'src/app/api-features.ts'],
  'watch shell': ['src/app/routes/watch.tsx', 'src/app/api-features.ts'],
};

const kib = (bytes: number, per = 1) => (bytes / per / 1024).toFixed(1);
const log = (line: string) => console.error(`[bench:web] ${line}`);

function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [headers, ...rows].map((r) => r.map(String));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(cells[0] ?? []), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}

async function benchInitialJs(): Promise<(InitialJs & { lazyBeforeHydration?: { files: string[]; gzipBytes: number } })[]> {
  const types: PageType[] = [
    { name: 'home', objectKey: 'index.html' },
    { name: 'program', objectKey: `programs/${PROGRAM}/index.html` },
    { name: 'coming-soon', objectKey: `programs/${PROGRAM}/coming-soon/index.html` },
    { name: 'login', objectKey: 'login/index.html' },
    { name: 'account', objectKey: 'account/index.html' },
    { name: 'watch shell', objectKey: 'watch/index.html' },
    { name: '404', objectKey: '404.html' },
  ];
  const manifest = JSON.parse(await readFile(path.join(webPaths.distDir, 'client-manifest.json'), 'utf8')) as Record<string, { file: string; imports?: string[] }>;
  const results = [];
  for (const type of types) {
    const initial = await initialJsOf(webPaths.clientDir, type);
    const lazyKeys = LAZY_ROUTES[type.name];
    if (lazyKeys === undefined) {
      results.push(initial);
      continue;
    }
    // A lazy route is resolved before hydration (entry-client): report what it adds, apart.
    const named = new Set(initial.files.map((f) => f.file));
    const extra = [...new Set(lazyKeys.flatMap((key) => lazyRouteFiles(manifest, key)))].filter((f) => !named.has(f));
    const sizes = await Promise.all(extra.map((f) => fileSize(webPaths.clientDir, f)));
    results.push({ ...initial, lazyBeforeHydration: { files: extra, gzipBytes: sizes.reduce((n, s) => n + s.gzipBytes, 0) } });
  }
  return results;
}

async function main(): Promise<void> {
  if (!existsSync(webPaths.template) || !existsSync(path.join(webPaths.clientDir, 'index.html'))) {
    throw new Error('no web build in web/dist: run `npm run build` first');
  }
  if (!Number.isInteger(SAMPLE) || SAMPLE < 1 || !Number.isInteger(PLAYS) || PLAYS < 1 || CATALOGS.some((n) => !Number.isInteger(n) || n < 1 || n > 100_000)) {
    throw new Error('BENCH_WEB_SAMPLE and BENCH_WEB_PLAYS must be positive integers, BENCH_WEB_CATALOGS a list of program counts (1..100000)');
  }
  if ([FRAMEWORK_PROGRAMS, FRAMEWORK_RUNS, FRAMEWORK_CONCURRENCY].some((n) => !Number.isInteger(n) || n < 1) || FRAMEWORK_PROGRAMS > 100_000) {
    throw new Error('BENCH_WEB_FRAMEWORK_PROGRAMS (1..100000), BENCH_WEB_FRAMEWORK_RUNS and BENCH_WEB_FRAMEWORK_CONCURRENCY must be positive integers');
  }
  const started = performance.now();

  const initialJs = await benchInitialJs();
  const { benchPrerender } = await import('./prerender-bench');
  const prerender: PrerenderBench[] = [];
  for (const programs of CATALOGS) prerender.push(await benchPrerender(programs, SAMPLE, log));
  let framework: FrameworkComparison | undefined;
  if (FRAMEWORK) {
    const { compareFrameworkMode } = await import('./framework-mode/compare');
    framework = await compareFrameworkMode(FRAMEWORK_PROGRAMS, FRAMEWORK_RUNS, FRAMEWORK_CONCURRENCY, log);
  }
  const ttff: TtffBench | undefined = TTFF ? await benchTtff(PLAYS, WORKOUT, 30_000, log) : undefined;

  console.log('\nInitial JS per page type (gzip -9 of every script/modulepreload the built HTML names)');
  console.log(
    table(
      ['page', 'object', 'files', 'raw KiB', 'gzip KiB', 'budget 120 KiB'],
      initialJs.map((r) => [
        r.page,
        r.objectKey,
        r.files.length,
        kib(r.bytes),
        kib(r.gzipBytes) + (r.lazyBeforeHydration ? ` (+${kib(r.lazyBeforeHydration.gzipBytes)} lazy route resolved before hydration)` : ''),
        r.page === 'program' ? (r.gzipBytes <= BUDGET_GZIP ? 'ok' : 'OVER') : '',
      ]),
    ),
  );
  console.log('\nPrerender throughput (build path: SSR bundle renderPage + template + write to a temp folder)');
  console.log(
    table(
      ['catalog', 'pages', 'timed', 'build path pages/s', 'bare renderToString pages/s', 'ratio', 'mean page KiB'],
      prerender.map((p) => [`${p.programs} programs`, p.catalogPages, p.sampledPages, p.buildPathPagesPerSec, p.bareRenderToStringPagesPerSec, p.ratio, kib(p.meanPageBytes)]),
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
          ['data API (renderPagesTo)', m.dataApiPagesPerSec, '1', m.dataApiPagesPerCpuSec, '1', `HTML ${kib(framework.runs[0]?.dataApi.htmlBytes ?? 0, framework.pages)} KiB/page`],
          [
            'framework prerender phase',
            m.frameworkPrerenderPagesPerSec,
            m.ratio,
            m.frameworkPrerenderPagesPerCpuSec,
            m.cpuRatio,
            `HTML ${kib(framework.runs[0]?.framework.htmlBytes ?? 0, framework.pages)} KiB/page + .data ${kib(framework.runs[0]?.framework.dataBytes ?? 0, framework.pages)} KiB/page`,
          ],
          ['framework, first→last page', m.frameworkSteadyPagesPerSec, Number((m.frameworkSteadyPagesPerSec / m.dataApiPagesPerSec).toFixed(3)), '', '', 'cold start and SPA fallback excluded'],
          ['framework whole build', '', '', '', '', `${m.frameworkTotalBuildSec} s (Vite client + server build + prerender)`],
        ],
      ),
    );
    console.log(`faster on ${framework.pages} pages: ${m.ratio >= 1 ? `framework mode, ×${m.ratio}` : `data API, ×${(1 / m.ratio).toFixed(2)}`}`);
  }
  if (ttff) {
    console.log(`\nTime to first frame, /watch/${ttff.workoutId}, Debian Chromium, ${ttff.plays} plays (navigation start → first 'playing')`);
    console.log(table(['p50 ms', 'max ms', 'samples ms'], [[ttff.p50Ms, ttff.maxMs, ttff.samplesMs.join(', ')]]));
  }

  const result = {
    when: new Date().toISOString(),
    node: process.version,
    initialJs: initialJs.map((r) => ({ ...r, budgetGzipBytes: r.page === 'program' ? BUDGET_GZIP : undefined })),
    prerender,
    frameworkPrerender: framework ?? null,
    ttff: ttff ?? null,
    seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
  };
  await mkdir(path.dirname(OUT), { recursive: true });
  await writeFile(OUT, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(process.cwd(), OUT)} (${result.seconds} s)`);
}

main().catch((error: unknown) => {
  console.error(`bench:web: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
