import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildRouteManifest } from '@stride/edge/build-route-manifest';
import type * as EntryServer from '../src/entry-server';
import {
  HOME_DATA_PATH,
  listingPageDataPath,
  objectKeyOf as dataObjectKey,
  programDataPath,
  programPath,
  summaryDataPath,
} from '@stride/contract/urls';
import type { Program } from '../src/shared/content/schema';
import { assertTemplate, fillTemplate } from './html-template';
import { webPaths } from './paths';
import { loadRedirects } from './redirects';
import { objectsShowingChanges, programsShownBy, type ProgramChanges } from './what-shows-a-program';

export interface PrerenderResult {
  readonly pages: number;
  readonly dataFiles: number;
}

type Entry = typeof EntryServer;

/** Where the prerender reads the SSR bundle from and writes to (webPaths by default). */
export interface PrerenderDirs {
  /** The site bucket's contents. */
  readonly clientDir: string;
  /** The SSR bundle and the HTML template. */
  readonly serverDir: string;
  readonly template: string;
  readonly routeManifest: string;
  /** Marketing's vanity paths (web/content/redirects.json). */
  readonly redirects: string;
}

export const defaultPrerenderDirs: PrerenderDirs = webPaths;

export interface PrerenderOptions {
  readonly dirs?: PrerenderDirs;
  /** The instant pages are rendered as of (ISO); now by default. */
  readonly asOf?: string;
  /**
   * Worker threads a full prerender renders its pages in (each a share of them, by the same page
   * loop); 1 renders in this thread. Default: one per core, up to 4, from WORKERS_FROM_PAGES pages.
   */
  readonly workers?: number;
}

/** One share of a full build's pages, rendered in a worker thread (render-worker.ts) by the build's own page loop. */
export interface RenderShare {
  readonly serverDir: string;
  readonly template: string;
  readonly pages: readonly EntryServer.PageSpec[];
  readonly catalog: readonly Program[];
  readonly outDir: string;
  readonly asOf: string;
}

/** Below this many pages, starting workers (each loads the SSR bundle) costs more than it saves. */
export const WORKERS_FROM_PAGES = 2000;

/**
 * Renders the pages in `workers` threads, page i in thread i mod workers (so each gets every kind
 * of page), while `meanwhile` runs here (this thread only waits for them otherwise).
 */
async function renderInWorkers(
  workers: number,
  share: Omit<RenderShare, 'pages'>,
  pages: readonly EntryServer.PageSpec[],
  meanwhile: () => Promise<void>,
): Promise<void> {
  const script = new URL('./render-worker-boot.mjs', import.meta.url);
  const rendering = Array.from({ length: workers }, (_, w) => {
    const mine = pages.filter((_page, i) => i % workers === w);
    const worker = new Worker(script, { workerData: { ...share, pages: mine } satisfies RenderShare });
    return new Promise<void>((resolve, reject) => {
      let rendered = 0;
      worker.on('message', (count: number) => (rendered = count));
      worker.on('error', reject);
      worker.on('exit', (code) =>
        code === 0 && rendered === mine.length
          ? resolve()
          : reject(new Error(`render worker ${w + 1} of ${workers} stopped (exit ${code}) after ${rendered} of ${mine.length} pages`)),
      );
    });
  });
  // Wait for every worker even when this thread's part fails, so none is left writing.
  const [here, ...threads] = await Promise.allSettled([meanwhile(), ...rendering]);
  for (const outcome of [...threads, here]) if (outcome?.status === 'rejected') throw outcome.reason;
}

/**
 * Writes objects under `outDir`, making each folder once: a full build writes tens of thousands of
 * small files, and a recursive mkdir and an asynchronous open/write/close per file cost more than
 * rendering the page (the profile: a worker waited a third of its time on them). Synchronous, in a
 * render worker or for page data while the workers render: nothing else waits on that thread.
 */
export function objectWriter(outDir: string): (key: string, body: string) => void {
  const made = new Set<string>();
  return (key, body) => {
    const file = path.join(outDir, key);
    const folder = path.dirname(file);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(file, body);
  };
}

/** Writes the object unless it already holds these bytes; true when it was new or different. */
async function writeIfChanged(key: string, body: string, outDir: string): Promise<boolean> {
  const file = path.join(outDir, key);
  const previous = await readFile(file, 'utf8').catch(() => undefined);
  if (previous === body) return false;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, body);
  return true;
}

/** Loads the built SSR bundle (web/dist/server/entry-server.js). */
export async function loadEntryServer(serverDir: string = webPaths.serverDir): Promise<Entry> {
  return (await import(pathToFileURL(path.join(serverDir, 'entry-server.js')).href)) as Entry;
}

/**
 * The build's page loop: renders each page through the SSR bundle's renderPage from the programs
 * it shows (programsShownBy), fills the template and writes the object under `outDir` (the
 * benchmark times this same loop).
 */
export async function renderPagesTo(
  entry: Entry,
  template: string,
  pages: readonly EntryServer.PageSpec[],
  catalog: readonly Program[],
  outDir: string,
  asOf: string = new Date().toISOString(),
): Promise<void> {
  const shownBy = programsShownBy(catalog);
  const write = objectWriter(outDir);
  for (const page of pages) write(page.objectKey, fillTemplate(template, await entry.renderPage(page, shownBy(page), asOf)));
}

/**
 * Page data for client-side navigation, by object key: each program's details and its summary
 * (for a program page reached from a page that did not carry it); the home page's programs; each
 * later page of "All programs". `only` limits it to those keys (the incremental build).
 */
function pageData(entry: Entry, catalog: readonly Program[], asOf: string, only?: ReadonlySet<string>): Map<string, string> {
  const data = new Map<string, string>();
  const wanted = (key: string) => only === undefined || only.has(key);
  for (const program of catalog) {
    const details = dataObjectKey(programDataPath(program.slug));
    if (wanted(details)) data.set(details, JSON.stringify(program));
    const summary = dataObjectKey(summaryDataPath(program.slug));
    if (wanted(summary)) data.set(summary, JSON.stringify(entry.summarize(program)));
  }
  const home = dataObjectKey(HOME_DATA_PATH);
  if (wanted(home)) data.set(home, JSON.stringify(entry.homeDataFor(catalog, asOf)));
  for (const listingPage of entry.listingPagesFor(catalog)) {
    const key = dataObjectKey(listingPageDataPath(listingPage.page));
    if (wanted(key)) data.set(key, JSON.stringify(listingPage));
  }
  return data;
}

interface Prepared {
  readonly entry: Entry;
  readonly template: string;
  readonly pages: EntryServer.PageSpec[];
  readonly asOf: string;
  readonly dirs: PrerenderDirs;
  readonly writeRouteManifest: () => Promise<void>;
}

async function prepare(catalog: readonly Program[], options: PrerenderOptions): Promise<Prepared> {
  const dirs = options.dirs ?? defaultPrerenderDirs;
  const entry = await loadEntryServer(dirs.serverDir);
  const template = await readFile(dirs.template, 'utf8');
  assertTemplate(template, dirs.template);
  const pages = entry.pagesFor(catalog);
  // Before any page is written: a bad redirect file should fail fast.
  const redirects = await loadRedirects(dirs.redirects, new Set(pages.filter((p) => p.role === 'page').map((p) => p.route)));
  const writeRouteManifest = async () => {
    const manifest = buildRouteManifest(
      {
        pages,
        programs: catalog.map((p) => ({
          path: programPath(p.slug),
          launchAt: p.launchAt,
          countries: p.countries,
          dataObjectKey: dataObjectKey(programDataPath(p.slug)),
        })),
        redirects,
      },
      dirs.routeManifest,
    );
    await writeFile(dirs.routeManifest, `${JSON.stringify(manifest, null, 2)}\n`);
  };
  // One instant for every page and the home page's data: what "newly launched" is judged against.
  return { entry, template, pages, asOf: options.asOf ?? new Date().toISOString(), dirs, writeRouteManifest };
}

/** Renders every public page to static HTML with its state, plus page data and the route manifest. */
export async function prerender(catalog: readonly Program[], options: PrerenderOptions = {}): Promise<PrerenderResult> {
  const { entry, template, pages, asOf, dirs, writeRouteManifest } = await prepare(catalog, options);
  const workers = options.workers ?? (pages.length >= WORKERS_FROM_PAGES ? Math.min(availableParallelism(), 4) : 1);
  let dataFiles = 0;
  // Page data and the route manifest: in this thread while the workers render.
  const writeData = async () => {
    const write = objectWriter(dirs.clientDir);
    const data = pageData(entry, catalog, asOf);
    for (const [key, body] of data) write(key, body);
    dataFiles = data.size;
    await writeRouteManifest();
  };
  if (workers > 1)
    await renderInWorkers(workers, { serverDir: dirs.serverDir, template, catalog, outDir: dirs.clientDir, asOf }, pages, writeData);
  else {
    await renderPagesTo(entry, template, pages, catalog, dirs.clientDir, asOf);
    await writeData();
  }
  return { pages: pages.length, dataFiles };
}

export interface IncrementalResult {
  readonly changes: ProgramChanges;
  /** Pages the site has. */
  readonly pages: number;
  /** Pages rendered and data files written again (what-shows-a-program's rule). */
  readonly rendered: number;
  readonly dataFiles: number;
  /** Object keys whose bytes are new or different, sorted. */
  readonly changed: string[];
  /** Object keys no longer built, deleted, sorted. */
  readonly removed: string[];
}

/**
 * Brings a full prerender of `before` (in `dirs.clientDir`) to what a full prerender of
 * `catalog` at the same instant writes, rendering only the objects that show a changed program
 * (what-shows-a-program.ts). The route manifest is written whole (it is one small file).
 */
export async function prerenderChanges(
  before: readonly Program[],
  catalog: readonly Program[],
  options: PrerenderOptions = {},
): Promise<IncrementalResult> {
  const { entry, template, pages, asOf, dirs, writeRouteManifest } = await prepare(catalog, options);
  const { changes, write, remove } = objectsShowingChanges(before, catalog);
  const shownBy = programsShownBy(catalog);
  const changed: string[] = [];
  let rendered = 0;
  for (const page of pages) {
    if (!write.has(page.objectKey)) continue;
    const html = fillTemplate(template, await entry.renderPage(page, shownBy(page), asOf));
    if (await writeIfChanged(page.objectKey, html, dirs.clientDir)) changed.push(page.objectKey);
    rendered += 1;
  }
  const data = pageData(entry, catalog, asOf, write);
  for (const [key, body] of data) if (await writeIfChanged(key, body, dirs.clientDir)) changed.push(key);
  const removed: string[] = [];
  for (const key of remove) {
    const file = path.join(dirs.clientDir, key);
    const existed = await readFile(file).then(
      () => true,
      () => false,
    );
    await rm(file, { force: true });
    if (existed) removed.push(key);
  }
  await writeRouteManifest();
  return { changes, pages: pages.length, rendered, dataFiles: data.size, changed: changed.sort(), removed: removed.sort() };
}
