import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PageSpec } from '../../../src/entry-server';
import type { Program } from '../../../src/shared/content/schema';
import { loadPrograms } from '../../content';
import { writeCatalog } from '../../generate-catalog';
import { assertTemplate } from '../../html-template';
import { webPaths } from '../../paths';
import { loadEntryServer, renderPagesTo } from '../../prerender';
import { makeWorkDir } from './harness';
import { buildFrameworkSites } from './sites';
import { checkMarkupParity, checkStateParity } from './parity';
import { verifyFrameworkSite } from './verify';

/** One run: both paths over every page of the catalog, in the order given. */
export interface ComparisonRun {
  readonly order: 'data-api first' | 'framework first';
  /** The build's page loop (renderPagesTo: SSR bundle renderPage + template + write), every page. */
  readonly dataApi: { readonly ms: number; readonly pagesPerSec: number; readonly pagesPerCpuSec: number; readonly htmlBytes: number };
  readonly framework: {
    /** Vite client + server build and prerender (createBuilder().buildApp()), once per device. */
    readonly totalBuildMs: number;
    /** The prerender phases (harness.ts: server writeBundle → closeBundle), summed over the devices' builds. */
    readonly prerenderMs: number;
    readonly prerenderPagesPerSec: number;
    /** Pages per second of this process's CPU time (user + system) in the phase: less at the mercy of other load. */
    readonly prerenderPagesPerCpuSec: number;
    /** First page written → last: per-page rate once warm (cold start and SPA fallback excluded). */
    readonly steadyPagesPerSec: number;
    readonly htmlBytes: number;
    /** .data files (loader data for client navigation), written besides the HTML. */
    readonly dataBytes: number;
  };
  /** framework prerender pages/s ÷ data-API pages/s (> 1: framework mode is faster). */
  readonly ratio: number;
  /** The same on CPU time. */
  readonly cpuRatio: number;
}

export interface FrameworkComparison {
  readonly programs: number;
  /** pagesFor(catalog): what both paths render, every one of them (no sampling). */
  readonly pages: number;
  readonly concurrency: number;
  /** Page kinds (role × device × page) whose state was checked equal on both paths. */
  readonly stateParityKinds: number;
  /** Page kinds whose #root markup was checked equal on both paths (first run's output). */
  readonly markupParityKinds: number;
  readonly runs: readonly ComparisonRun[];
  /** Medians over the runs. */
  readonly median: {
    readonly dataApiPagesPerSec: number;
    readonly dataApiPagesPerCpuSec: number;
    readonly frameworkPrerenderPagesPerSec: number;
    readonly frameworkPrerenderPagesPerCpuSec: number;
    readonly frameworkSteadyPagesPerSec: number;
    readonly frameworkTotalBuildSec: number;
    readonly ratio: number;
    readonly cpuRatio: number;
  };
}

const round = (n: number, digits = 1): number => Number(n.toFixed(digits));

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Proves the data-API loop wrote every page (and a program page shows its program), and sums the bytes. */
async function verifyDataApiSite(outDir: string, pages: readonly PageSpec[], catalog: readonly Program[]): Promise<number> {
  const files = (await readdir(outDir, { recursive: true })).filter((f) => f.endsWith('.html'));
  if (files.length !== pages.length) throw new Error(`data-API path: ${files.length} HTML files written for ${pages.length} pages`);
  const page = pages.find((p) => p.detailSlugs.length === 1);
  const program = catalog.find((p) => p.slug === page?.detailSlugs[0]);
  if (!page || !program || !(await readFile(path.join(outDir, page.objectKey), 'utf8')).includes(program.title)) {
    throw new Error(`data-API path: ${page?.objectKey ?? 'no program page'} does not show its program`);
  }
  return (await Promise.all(files.map((f) => stat(path.join(outDir, f))))).reduce((n, s) => n + s.size, 0);
}

async function timeDataApi(entry: Entry, template: string, pages: readonly PageSpec[], catalog: readonly Program[]) {
  const outDir = await mkdtemp(path.join(tmpdir(), 'stride-bench-data-api-'));
  try {
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    await renderPagesTo(entry, template, pages, catalog, outDir);
    const cpu = process.cpuUsage(cpuStart);
    const ms = performance.now() - started;
    const htmlBytes = await verifyDataApiSite(outDir, pages, catalog);
    return {
      ms: round(ms, 0),
      pagesPerSec: round(pages.length / (ms / 1000)),
      pagesPerCpuSec: round(pages.length / ((cpu.user + cpu.system) / 1e6)),
      htmlBytes,
    };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

type Entry = Awaited<ReturnType<typeof loadEntryServer>>;

/** One framework-mode build and prerender; `checkMarkup` compares its pages with renderPage's before they are deleted. */
async function timeFramework(pages: readonly PageSpec[], catalog: readonly Program[], concurrency: number, checkMarkup: Entry | undefined) {
  const workDir = await makeWorkDir();
  try {
    const asOf = new Date().toISOString();
    const build = await buildFrameworkSites({ catalog, pages, workDir, concurrency, asOf });
    if (build.htmlPagesLogged !== pages.length)
      throw new Error(`framework-mode: React Router reported ${build.htmlPagesLogged} pages for ${pages.length}`);
    let htmlBytes = 0;
    let dataBytes = 0;
    let markupKinds = 0;
    for (const site of build.sites) {
      const written = await verifyFrameworkSite(site.clientDir, site.pages, catalog);
      htmlBytes += written.htmlBytes;
      dataBytes += written.dataBytes;
      if (checkMarkup) markupKinds += await checkMarkupParity(checkMarkup.renderPage, site.pages, site.clientDir, catalog, asOf);
    }
    return {
      markupKinds,
      result: {
        totalBuildMs: round(build.totalMs, 0),
        prerenderMs: round(build.prerenderMs, 0),
        prerenderPagesPerSec: round(pages.length / (build.prerenderMs / 1000)),
        prerenderPagesPerCpuSec: round(pages.length / (build.prerenderCpuMs / 1000)),
        steadyPagesPerSec: round((pages.length - build.sites.length) / (build.steadyMs / 1000)),
        htmlBytes,
        dataBytes,
      },
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/**
 * Framework-mode `prerender` against the build's data-API page loop, both over every page of
 * the same synthetic catalog in one process, alternating which goes first run by run (a noisy
 * neighbour or a warmer JIT then favours neither). Needs the web build (web/dist).
 */
export async function compareFrameworkMode(
  programs: number,
  runs: number,
  concurrency: number,
  log: (line: string) => void,
): Promise<FrameworkComparison> {
  const catalogDir = await mkdtemp(path.join(tmpdir(), 'stride-bench-fm-catalog-'));
  try {
    // The same catalog prerender-bench.ts times (seed 1, 6 workouts), validated as the build validates.
    await writeCatalog({ programs, workoutsPerProgram: 6, seed: 1, out: catalogDir, force: true });
    const catalog = await loadPrograms(catalogDir);
    const entry = await loadEntryServer();
    const template = await readFile(webPaths.template, 'utf8');
    assertTemplate(template, webPaths.template);
    const pages = entry.pagesFor(catalog);
    const stateParityKinds = await checkStateParity(entry.renderPage, pages, catalog, new Date().toISOString());
    log(
      `framework mode vs data API: ${programs} programs → ${pages.length} pages, ${runs} run(s), same state on ${stateParityKinds} page kinds`,
    );

    const results: ComparisonRun[] = [];
    let markupParityKinds = 0;
    for (let i = 0; i < runs; i += 1) {
      const dataApiFirst = i % 2 === 0;
      const dataApi = dataApiFirst ? await timeDataApi(entry, template, pages, catalog) : undefined;
      const { markupKinds, result: framework } = await timeFramework(pages, catalog, concurrency, i === 0 ? entry : undefined);
      if (i === 0) markupParityKinds = markupKinds;
      const dataApiAfter = dataApi ?? (await timeDataApi(entry, template, pages, catalog));
      const run: ComparisonRun = {
        order: dataApiFirst ? 'data-api first' : 'framework first',
        dataApi: dataApiAfter,
        framework,
        ratio: round(framework.prerenderPagesPerSec / dataApiAfter.pagesPerSec, 3),
        cpuRatio: round(framework.prerenderPagesPerCpuSec / dataApiAfter.pagesPerCpuSec, 3),
      };
      log(
        `  run ${i + 1} (${run.order}): data API ${run.dataApi.pagesPerSec} pages/s (${run.dataApi.pagesPerCpuSec} per CPU-s), framework prerender ${framework.prerenderPagesPerSec} pages/s (${framework.prerenderPagesPerCpuSec} per CPU-s; steady ${framework.steadyPagesPerSec}), framework build ${(framework.totalBuildMs / 1000).toFixed(1)} s`,
      );
      results.push(run);
      if (i === 0) log(`  same #root markup as renderPage on ${markupParityKinds} page kinds`);
    }
    return {
      programs,
      pages: pages.length,
      concurrency,
      stateParityKinds,
      markupParityKinds,
      runs: results,
      median: {
        dataApiPagesPerSec: round(median(results.map((r) => r.dataApi.pagesPerSec))),
        dataApiPagesPerCpuSec: round(median(results.map((r) => r.dataApi.pagesPerCpuSec))),
        frameworkPrerenderPagesPerSec: round(median(results.map((r) => r.framework.prerenderPagesPerSec))),
        frameworkPrerenderPagesPerCpuSec: round(median(results.map((r) => r.framework.prerenderPagesPerCpuSec))),
        frameworkSteadyPagesPerSec: round(median(results.map((r) => r.framework.steadyPagesPerSec))),
        frameworkTotalBuildSec: round(median(results.map((r) => r.framework.totalBuildMs)) / 1000),
        ratio: round(median(results.map((r) => r.ratio)), 3),
        cpuRatio: round(median(results.map((r) => r.cpuRatio)), 3),
      },
    };
  } finally {
    await rm(catalogDir, { recursive: true, force: true });
  }
}
