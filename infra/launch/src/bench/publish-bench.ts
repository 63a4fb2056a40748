/**
 * `npm run bench:publish`: what a launch costs at 1,000 and 10,000 synthetic programs.
 *   1. a full build (Vite bundles, every page, page data) into a throwaway dist: its time and
 *      pages/s, beside a bare renderToString loop over an even sample of the same pages, in the
 *      same run (the ratio is what compares across machines, not the milliseconds);
 *   2. the first release of that site to a local stack's S3 server (every object: setup);
 *   3. after a one-program change (a title; a launch date moved to tomorrow): the incremental
 *      build (time, pages rendered, objects changed), the publish as a release (objects uploaded,
 *      paths invalidated through the console's CloudFront API, time), and "live at the local
 *      CDN": from the build's start until a viewer request through the local CloudFront (which
 *      had the old page cached) gets the new bytes;
 *   4. rollback: the pointer flip back to the previous release (the edge follows within its
 *      refresh interval, RELEASE_REFRESH_MS).
 * Prints a table and writes bench-results/publish.json. BENCH_PUBLISH_CATALOGS (default
 * "1000,10000"), BENCH_PUBLISH_BARE_SAMPLE (pages in the bare loop, default 2000).
 */
// First: React must load as its production build, as the build renders with it.
import './production-env';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { writeCatalog } from '@stride/web/generate-catalog';
import { barePage, samplePages } from '@stride/web/prerender-bench';
import { buildSite, codeFingerprint, sitePaths, type SiteBuildReport } from '@stride/web/site-build';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { startTestStack, type TestStack } from '../../../local/src/testing/harness';
import { listLocalObjects } from '../../../publish/local-files';
import { planPublish } from '../../../publish/plan';
import { publishRelease, rollbackRelease, type InvalidationTarget, type ReleaseBucket } from '../../../publish/release';

const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..', '..');
const OUT = path.join(repoRoot, 'bench-results', 'publish.json');
const CATALOGS = (process.env.BENCH_PUBLISH_CATALOGS ?? '1000,10000').split(',').map((s) => Number(s.trim()));
const BARE_SAMPLE = Number(process.env.BENCH_PUBLISH_BARE_SAMPLE ?? 2000);
const TARGETS = { fullBuildMsAt10k: 60_000, oneProgramLiveMsAt10k: 30_000, rollbackMs: 10_000 };
/** How long a change may take to reach a viewer before the bench gives up on it. */
const LIVE_TIMEOUT_MS = 120_000;

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
  /** publishRelease alone: upload, manifest, pointer flip, invalidation completed. */
  readonly publishMs: number;
  /** Build start → the first viewer request through the local CDN that gets the new bytes (the object polled). */
  readonly liveAtLocalCdnMs: number;
  readonly polledObject: string;
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
  /** The first release: every object uploaded to the local S3 server (setup for the changes). */
  readonly firstPublish: { readonly ms: number; readonly uploaded: number; readonly objectWrites: number };
  readonly changes: ChangeBench[];
  /** rollbackRelease: read the live pointer and the release, flip the pointer (the edge follows within its refresh interval). */
  readonly rollbackMs: number;
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

    // The local CDN and S3 server of a stack of its own (real clock, no edge functions: the CDN
    // serves the bucket's keys as they are), invalidations through its console's CloudFront API.
    const stack: TestStack = await startTestStack({ now: Date.now }, { edge: false });
    try {
      const target: ReleaseBucket & InvalidationTarget = {
        s3: stack.stack.s3.client(),
        bucket: stack.stack.s3.siteBucket,
        cloudfront: new CloudFrontClient({
          region: 'us-east-1',
          endpoint: stack.stack.consoleUrl,
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }),
        distributionId: (JSON.parse(await (await stack.console('/api/state')).text()) as { releases: { distributionId: string } }).releases
          .distributionId,
      };
      // A release carries the program files (what the API reads as its catalog).
      const catalogOf = async () =>
        Promise.all(
          (await readdir(contentDir))
            .filter((name) => name.endsWith('.json'))
            .sort()
            .map(async (name) => ({ name, text: await readFile(path.join(contentDir, name), 'utf8') })),
        );
      const routingOf = async () => JSON.parse(await readFile(paths.routeManifest, 'utf8')) as unknown;
      log(`${programs} programs: first release (every object) to the local S3 server…`);
      let started = performance.now();
      const first = await publishRelease(
        target,
        { dir: paths.clientDir, routing: await routingOf(), catalog: await catalogOf(), buildReport: paths.report },
        { pollSeconds: 1, concurrency: 32, log: (line) => log(`  ${line}`) },
      );
      const firstPublish = {
        ms: Math.round(performance.now() - started),
        uploaded: first.uploaded.length,
        objectWrites: first.objectsWritten,
      };
      log(`  ${firstPublish.uploaded} objects in ${firstPublish.ms} ms`);

      const results: ChangeBench[] = [];
      for (const [name, change] of changes) {
        const polled = `programs/${middle}/index.html`;
        const dataKey = `data/programs/${middle}.json`;
        // A viewer has the current page cached at the CDN before the change.
        await (await stack.site(`/${polled}`)).text();
        await (await stack.site(`/${dataKey}`)).text();
        await editProgram(contentDir, middle, change);
        log(`${programs} programs: a change to the ${name}: incremental build, publish, until a viewer gets it…`);
        started = performance.now();
        const report: SiteBuildReport = await buildSite({ paths, codeFingerprint: fingerprint, log: (line) => log(`  ${line}`) });
        if (report.mode !== 'incremental') throw new Error(`expected an incremental build, got a full one (${report.reason})`);
        const key = report.changed?.includes(polled) ? polled : dataKey;
        const expected = await readFile(path.join(paths.clientDir, key), 'utf8');
        const publishStarted = performance.now();
        const published = await publishRelease(
          target,
          { dir: paths.clientDir, routing: await routingOf(), catalog: await catalogOf(), buildReport: paths.report },
          { pollSeconds: 1, concurrency: 32, log: (line) => log(`  ${line}`) },
        );
        const publishMs = Math.round(performance.now() - publishStarted);
        let liveMs = -1;
        while (performance.now() - started < LIVE_TIMEOUT_MS) {
          if ((await (await stack.site(`/${key}`)).text()) === expected) {
            liveMs = Math.round(performance.now() - started);
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        if (liveMs < 0) throw new Error(`${key}: no viewer got the new bytes within ${LIVE_TIMEOUT_MS} ms`);
        // Outside the timings: every file hashed, which the release (listed from the build report) must match.
        const after = await listLocalObjects(paths.clientDir);
        const mismatch = after.find((o) => published.release.objects[o.key]?.md5 !== o.md5);
        if (mismatch || Object.keys(published.release.objects).length !== after.length)
          throw new Error(
            `the release does not hold the built bytes (${mismatch ? `${mismatch.key} differs` : 'other keys'}): publish listed the site wrong`,
          );
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
          uploads: published.uploaded.length,
          invalidationPaths: published.invalidationPaths.length,
          invalidationSample: published.invalidationPaths.slice(0, 8),
          publishMs,
          liveAtLocalCdnMs: liveMs,
          polledObject: key,
        });
        if (plan.uploads.length !== published.uploaded.length)
          log(
            `  note: the publish plan against the previous build uploads ${plan.uploads.length}, the release ${published.uploaded.length}`,
          );
      }
      log(`${programs} programs: rollback…`);
      started = performance.now();
      await rollbackRelease(target);
      const rollbackMs = Math.round(performance.now() - started);
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
        firstPublish,
        changes: results,
        rollbackMs,
      };
    } finally {
      await stack.stop();
    }
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
      [
        'programs',
        'one-program change',
        'incremental build',
        'pages rendered',
        'objects changed',
        'uploads',
        'paths invalidated',
        'publish',
        'live at local CDN',
      ],
      catalogs.flatMap((c) =>
        c.changes.map((x) => [
          c.programs,
          x.change,
          `${(x.incrementalMs / 1000).toFixed(2)} s`,
          x.pagesRendered,
          x.objectsChanged,
          x.uploads,
          x.invalidationPaths,
          `${(x.publishMs / 1000).toFixed(2)} s`,
          `${(x.liveAtLocalCdnMs / 1000).toFixed(2)} s`,
        ]),
      ),
    ),
  );
  console.log();
  console.log(
    table(
      ['programs', 'first release (every object)', 'rollback (pointer flip)'],
      catalogs.map((c) => [
        c.programs,
        `${(c.firstPublish.ms / 1000).toFixed(1)} s, ${c.firstPublish.uploaded} objects`,
        `${c.rollbackMs} ms`,
      ]),
    ),
  );
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
