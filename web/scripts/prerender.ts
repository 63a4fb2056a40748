import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
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

export interface PrerenderResult {
  readonly pages: number;
  readonly dataFiles: number;
}

type Entry = typeof EntryServer;

async function writeObject(key: string, body: string, outDir: string = webPaths.clientDir): Promise<void> {
  const file = path.join(outDir, key);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, body);
}

/** Loads the built SSR bundle (web/dist/server/entry-server.js). */
export async function loadEntryServer(): Promise<Entry> {
  return (await import(pathToFileURL(path.join(webPaths.serverDir, 'entry-server.js')).href)) as Entry;
}

/**
 * The build's page loop: renders each page through the SSR bundle's renderPage, fills the
 * template and writes the object under `outDir` (the benchmark times this same loop).
 */
export async function renderPagesTo(
  entry: Entry,
  template: string,
  pages: readonly EntryServer.PageSpec[],
  catalog: readonly Program[],
  outDir: string,
  asOf: string = new Date().toISOString(),
): Promise<void> {
  for (const page of pages) {
    const rendered = await entry.renderPage(page, catalog, asOf);
    await writeObject(page.objectKey, fillTemplate(template, rendered), outDir);
  }
}

/** Renders every public page to static HTML with its state, plus page data and the route manifest. */
export async function prerender(catalog: readonly Program[]): Promise<PrerenderResult> {
  const entry = await loadEntryServer();
  const template = await readFile(webPaths.template, 'utf8');
  assertTemplate(template, webPaths.template);

  const pages = entry.pagesFor(catalog);
  // Before any page is written: a bad redirect file should fail fast.
  const redirects = await loadRedirects(webPaths.redirects, new Set(pages.filter((p) => p.role === 'page').map((p) => p.route)));
  // One instant for every page and the home page's data: what "newly launched" is judged against.
  const asOf = new Date().toISOString();
  await renderPagesTo(entry, template, pages, catalog, webPaths.clientDir, asOf);

  // Page data for client-side navigation: each program's details and its summary (for a
  // program page reached from a page that did not carry it); the home page's programs; each
  // later page of "All programs".
  for (const program of catalog) {
    await writeObject(dataObjectKey(programDataPath(program.slug)), JSON.stringify(program));
    await writeObject(dataObjectKey(summaryDataPath(program.slug)), JSON.stringify(entry.summarize(program)));
  }
  await writeObject(dataObjectKey(HOME_DATA_PATH), JSON.stringify(entry.homeDataFor(catalog, asOf)));
  const listingPages = entry.listingPagesFor(catalog);
  for (const listingPage of listingPages) {
    await writeObject(dataObjectKey(listingPageDataPath(listingPage.page)), JSON.stringify(listingPage));
  }

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
    webPaths.routeManifest,
  );
  await writeFile(webPaths.routeManifest, `${JSON.stringify(manifest, null, 2)}\n`);
  return { pages: pages.length, dataFiles: 2 * catalog.length + listingPages.length + 1 };
}
