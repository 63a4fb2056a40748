/**
 * `npm run bench:publish`: what a launch costs at 1,000 and 10,000 synthetic programs.
 *   1. a full build (Vite bundles, every page, page data) into a throwaway dist: its time and
 *      pages/s, beside a bare renderToString loop over an even sample of the same pages, in the
 *      same run (the ratio is what compares across machines, not the milliseconds);
 *   2. after a one-program change (a title; a launch date moved to tomorrow), the incremental
 *      build: its time, pages rendered, objects changed (what publish uploads: checked with the
 *      publish plan against the previous build's bytes), and the CDN paths to invalidate;
 *   3. "live at the local CDN" (publish start → the first viewer gets the new page) and rollback
 *      time: measured once the release backbone (issue 14) lands; until then reported as not
 *      measured, with the reason.
 * Prints a table and writes bench-results/publish.json. BENCH_PUBLISH_CATALOGS (default
 * "1000,10000"), BENCH_PUBLISH_BARE_SAMPLE (pages in the bare loop, default 2000).
 */
// First: React must load as its production build, as the build renders with it.
import './production-env';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { writeCatalog } from '@stride/web/generate-catalog';
import { barePage, samplePages } from '@stride/web/prerender-bench';
import { buildSite, codeFingerprint, sitePaths, type SiteBuildReport } from '@stride/web/site-build';
import { listLocalObjects } from '../../../publish/local-files';
import { planPublish } from '../../../publish/plan';

const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..', '..');
const OUT = path.join(repoRoot, 'bench-results', 'publish.json');
const CATALOGS = (process.env.BENCH_PUBLISH_CATALOGS ?? '1000,10000').split(',').map((s) => Number(s.trim()));
const BARE_SAMPLE = Number(process.env.BENCH_PUBLISH_BARE_SAMPLE ?? 2000);
const TARGETS = { fullBuildMsAt10k: 60_000, oneProgramLiveMsAt10k: 30_000, rollbackMs: 10_000 };
const NOT_MEASURED = 'the release backbone (issue 14: publish as a release, live pointer, rollback) has not landed';

const log = (line: string) => console.error(`[bench:publish] ${line}`);

export interface ChangeBench {
  readonly change: string;
  readonly incrementalMs: number;
  readonly renderMs: number;
  readonly pagesRendered: number;
  readonly objectsChanged: number;
  readonly objectsRemoved: number;
  /** Objects the publish plan uploads against the previous build's bytes (must equal objectsChanged). */
  readonly uploads: number;
  readonly invalidationPaths: number;
  readonly invalidationSample: string[];
}

export interface CatalogBench {
  readonly programs: number;
  readonly fullBuild: {
    readonly ms: number;
    readonly renderMs: number;
    readonly pages: number;
    readonly dataFiles: number;
    readonly objects: number;
    /** Pages ÷ the render stage (pages, page data, route manifest). */
    readonly pagesPerSec: number;
    readonly bareRenderToStringPagesPerSec: number;
    readonly bareSample: number;
    /** Build's pages/s ÷ bare pages/s. */
    readonly ratio: number;
  };
  readonly changes: ChangeBench[];
  readonly liveAtLocalCdnMs: number | null;
  readonly rollbackMs: number | null;
  readonly notMeasured: string | null;
}

async function bareLoop(distDir: string, contentDir: string): Promise<{ pagesPerSec: number; sample: number }> {
  const { loadEntryServer } = await import('@stride/web/prerender');
  const { loadPrograms } = await import('@stride/web/content');
  const { renderToString } = await import('react-dom/server');
  const entry = await loadEntryServer(path.join(distDir, 'server'));
  const catalog = await loadPrograms(contentDir);
  const pages = samplePages(entry.pagesFor(catalog), BARE_SAMPLE);
  for (const page of pages.slice(0, 20)) renderToString(barePage(page, catalog));
  const started = performance.now();
  let bytes = 0;
  for (const page of pages) bytes += renderToString(barePage(page, catalog)).length;
  if (bytes === 0) throw new Error('bare loop rendered nothing');
  return { pagesPerSec: pages.length / ((performance.now() - started) / 1000), sample: pages.length };
}

async function editProgram(contentDir: string, slug: string, change: (p: Record<string, unknown>) => Record<string, unknown>) {
  const file = path.join(contentDir, `${slug}.json`);
  await writeFile(file, `${JSON.stringify(change(JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>), null, 2)}\n`);
}

async function benchCatalog(programs: number): Promise<CatalogBench> {
  // Inside the repo, not the OS temp folder: the SSR bundle imports React and the rest from node_modules.
  await mkdir(path.join(repoRoot, '.stride'), { recursive: true });
  const work = await mkdtemp(path.join(repoRoot, '.stride', 'bench-publish-'));
  try {
    const contentDir = path.join(work, 'programs');
    // The shipped redirects point at shipped programs, which a synthetic catalog does not have.
    const redirects = path.join(work, 'redirects.json');
    await writeFile(redirects, '{ "redirects": [] }\n');
    const paths = sitePaths({ distDir: path.join(work, 'dist'), contentDir, redirects });
    log(`${programs} programs: writing the synthetic catalog…`);
    await writeCatalog({ programs, workoutsPerProgram: 6, seed: 1, out: contentDir, force: true });

    log(`${programs} programs: full build…`);
    // Hashed once: others editing this checkout meanwhile must not turn the incremental builds into full ones.
    const fingerprint = await codeFingerprint(repoRoot);
    const full = await buildSite({ paths, mode: 'full', codeFingerprint: fingerprint, log: (line) => log(`  ${line}`) });
    log(`  ${full.pages} pages in ${full.ms} ms (render ${full.renderMs} ms); bare renderToString loop…`);
    const bare = await bareLoop(paths.distDir, contentDir);
    const pagesPerSec = full.pages / (full.renderMs / 1000);
    let previous = await listLocalObjects(paths.clientDir);
    const objects = previous.length;

    const width = String(programs).length;
    const middle = `synthetic-${String(Math.ceil(programs / 2)).padStart(width, '0')}`;
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const changes: [string, (p: Record<string, unknown>) => Record<string, unknown>][] = [
      [`title of ${middle}`, (p) => ({ ...p, title: `${String(p.title)} (renamed)` })],
      [`launch date of ${middle} → tomorrow`, (p) => ({ ...p, launchAt: tomorrow })],
    ];
    const results: ChangeBench[] = [];
    for (const [name, change] of changes) {
      await editProgram(contentDir, middle, change);
      log(`${programs} programs: incremental build after a change to the ${name}…`);
      const report: SiteBuildReport = await buildSite({ paths, codeFingerprint: fingerprint, log: (line) => log(`  ${line}`) });
      if (report.mode !== 'incremental') throw new Error(`expected an incremental build, got a full one (${report.reason})`);
      const after = await listLocalObjects(paths.clientDir);
      const plan = planPublish(
        after,
        previous.map((o) => ({ key: o.key, etag: `"${o.md5}"` })),
        { maxInvalidationPaths: 1_000_000 },
      );
      previous = after;
      results.push({
        change: name,
        incrementalMs: report.ms,
        renderMs: report.renderMs,
        pagesRendered: report.rendered,
        objectsChanged: report.changed?.length ?? 0,
        objectsRemoved: report.removed.length,
        uploads: plan.uploads.length,
        invalidationPaths: plan.invalidationPaths.length,
        invalidationSample: plan.invalidationPaths.slice(0, 8),
      });
    }
    return {
      programs,
      fullBuild: {
        ms: full.ms,
        renderMs: full.renderMs,
        pages: full.pages,
        dataFiles: full.dataFiles,
        objects,
        pagesPerSec: Number(pagesPerSec.toFixed(1)),
        bareRenderToStringPagesPerSec: Number(bare.pagesPerSec.toFixed(1)),
        bareSample: bare.sample,
        ratio: Number((pagesPerSec / bare.pagesPerSec).toFixed(3)),
      },
      changes: results,
      liveAtLocalCdnMs: null,
      rollbackMs: null,
      notMeasured: NOT_MEASURED,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [headers, ...rows].map((r) => r.map(String));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(cells[0] ?? []), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}

async function main(): Promise<void> {
  const bad = CATALOGS.find((n) => !Number.isInteger(n) || n < 30 || n > 100_000);
  if (bad !== undefined) {
    console.error(`bench:publish: BENCH_PUBLISH_CATALOGS must be whole numbers from 30 to 100000, got ${String(bad)}`);
    process.exitCode = 2;
    return;
  }
  const loadBefore = loadavg();
  const catalogs: CatalogBench[] = [];
  for (const programs of CATALOGS) catalogs.push(await benchCatalog(programs));
  const loadAfter = loadavg();

  console.log(
    table(
      ['programs', 'full build', 'render pages/s', 'bare pages/s', 'ratio', 'objects'],
      catalogs.map((c) => [
        c.programs,
        `${(c.fullBuild.ms / 1000).toFixed(1)} s`,
        c.fullBuild.pagesPerSec,
        c.fullBuild.bareRenderToStringPagesPerSec,
        c.fullBuild.ratio,
        c.fullBuild.objects,
      ]),
    ),
  );
  console.log();
  console.log(
    table(
      ['programs', 'one-program change', 'incremental build', 'pages rendered', 'objects changed', 'uploads', 'paths to invalidate'],
      catalogs.flatMap((c) =>
        c.changes.map((x) => [
          c.programs,
          x.change,
          `${(x.incrementalMs / 1000).toFixed(2)} s`,
          x.pagesRendered,
          x.objectsChanged,
          x.uploads,
          x.invalidationPaths,
        ]),
      ),
    ),
  );
  console.log(`\nlive at the local CDN, rollback: not measured (${NOT_MEASURED})`);
  console.log(
    `load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} → ${loadAfter.map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores`,
  );

  await mkdir(path.dirname(OUT), { recursive: true });
  await writeFile(
    OUT,
    `${JSON.stringify({ generatedAt: new Date().toISOString(), machine: { cores: cpus().length, loadBefore, loadAfter }, targets: TARGETS, catalogs }, null, 2)}\n`,
  );
  console.log(`wrote ${path.relative(process.cwd(), OUT)}`);
}

await main();
