import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createElement as h, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import type { PageSpec } from '../../src/entry-server';
import type { Program } from '../../src/shared/content/schema';
import { loadPrograms } from '../content';
import { writeCatalog } from '../generate-catalog';
import { assertTemplate } from '../html-template';
import { webPaths } from '../paths';
import { loadEntryServer, renderPagesTo } from '../prerender';

export interface PrerenderBench {
  readonly programs: number;
  /** Pages the build would write for this catalog (pagesFor). */
  readonly catalogPages: number;
  /** Pages timed (an even sample of catalogPages when it is larger than the cap). */
  readonly sampledPages: number;
  readonly buildPathPagesPerSec: number;
  readonly bareRenderToStringPagesPerSec: number;
  /** buildPath ÷ bare: the share of bare React throughput the build's path keeps. */
  readonly ratio: number;
  /** Mean bytes of HTML the build path wrote per sampled page (state script included). */
  readonly meanPageBytes: number;
}

/** Every n-th page so that at most `cap` pages are timed; the home page always among them. */
export function samplePages<T>(pages: readonly T[], cap: number): T[] {
  if (pages.length <= cap) return [...pages];
  const step = pages.length / cap;
  return Array.from({ length: cap }, (_, i) => pages[Math.floor(i * step)]).filter((p): p is T => p !== undefined);
}

/** The bare baseline: the same page's content as plain elements, no router, store, state or template. */
export function barePage(page: PageSpec, catalog: readonly Program[]): ReactElement {
  const program = page.detailSlugs[0] === undefined ? undefined : catalog.find((p) => p.slug === page.detailSlugs[0]);
  const body =
    program !== undefined
      ? h(
          'article',
          null,
          h('h1', null, program.title),
          h('p', null, program.tagline),
          h('img', { src: program.poster.src, width: program.poster.width, height: program.poster.height, alt: program.poster.alt }),
          h('dl', null, h('dt', null, 'Trainer'), h('dd', null, program.trainer), h('dt', null, 'Level'), h('dd', null, program.level)),
          h('p', null, program.description),
          h(
            'ol',
            null,
            ...program.workouts.map((w) =>
              h('li', { key: w.id }, h('a', { href: `/watch/${w.id}` }, w.title), h('span', null, String(w.durationSec))),
            ),
          ),
        )
      : page.path === '/'
        ? h(
            'ul',
            null,
            ...catalog.map((p) => h('li', { key: p.slug }, h('a', { href: `/programs/${p.slug}` }, p.title), h('p', null, p.tagline))),
          )
        : h('section', null, h('h1', null, page.path));
  return h('div', null, h('header', null, h('a', { href: '/' }, 'Stride')), h('main', null, body), h('footer', null, 'Stride'));
}

async function timed(run: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/**
 * Prerender throughput on a synthetic catalog: the build's page loop (SSR bundle renderPage,
 * template, write to a temp folder) and a bare renderToString loop over the same pages.
 */
export async function benchPrerender(programs: number, sampleCap: number, log: (line: string) => void): Promise<PrerenderBench> {
  const work = await mkdtemp(path.join(tmpdir(), 'stride-bench-web-'));
  try {
    const catalogDir = path.join(work, 'catalog');
    await writeCatalog({ programs, workoutsPerProgram: 6, seed: 1, out: catalogDir, force: true });
    // Validated exactly as the build validates web/content.
    const catalog = await loadPrograms(catalogDir);
    const entry = await loadEntryServer();
    const template = await readFile(webPaths.template, 'utf8');
    assertTemplate(template, webPaths.template);
    const all = entry.pagesFor(catalog);
    const pages = samplePages(all, sampleCap);
    log(`prerender: ${programs} programs → ${all.length} pages, timing ${pages.length}`);

    // Warm-up (JIT, module caches) on a few pages, outside the timings.
    const warm = pages.slice(0, 3);
    await renderPagesTo(entry, template, warm, catalog, path.join(work, 'warm'));
    for (const page of warm) renderToString(barePage(page, catalog));

    const outDir = path.join(work, 'out');
    // Four slices, the two loops alternating A B B A, so a noisy neighbour on a shared machine
    // slows both alike.
    const slices = [0, 1, 2, 3].map((i) => pages.slice(Math.floor((i * pages.length) / 4), Math.floor(((i + 1) * pages.length) / 4)));
    let buildMs = 0;
    let bareMs = 0;
    let bareBytes = 0;
    const runBuild = (slice: readonly PageSpec[]) => timed(() => renderPagesTo(entry, template, slice, catalog, outDir));
    const runBare = (slice: readonly PageSpec[]) =>
      timed(async () => {
        for (const page of slice) bareBytes += renderToString(barePage(page, catalog)).length;
      });
    for (const [i, slice] of slices.entries()) {
      if (i % 3 === 0) {
        buildMs += await runBuild(slice);
        bareMs += await runBare(slice);
      } else {
        bareMs += await runBare(slice);
        buildMs += await runBuild(slice);
      }
    }
    const buildPath = pages.length / (buildMs / 1000);
    const bare = pages.length / (bareMs / 1000);
    let written = 0;
    for (const page of pages) written += (await readFile(path.join(outDir, page.objectKey))).length;
    if (bareBytes === 0) throw new Error('bare loop rendered nothing');
    return {
      programs,
      catalogPages: all.length,
      sampledPages: pages.length,
      buildPathPagesPerSec: Number(buildPath.toFixed(1)),
      bareRenderToStringPagesPerSec: Number(bare.toFixed(1)),
      ratio: Number((buildPath / bare).toFixed(3)),
      meanPageBytes: Math.round(written / pages.length),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
