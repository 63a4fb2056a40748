import { readFile, rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { pagesFor, renderPage } from '../../../src/entry-server';
import { generateCatalog } from '../../synthetic-catalog';
import { makeWorkDir } from './harness';
import { buildFrameworkSites } from './sites';
import { checkMarkupParity, checkStateParity } from './parity';
import { htmlFileOf, verifyFrameworkSite } from './verify';

const catalog = generateCatalog({ programs: 3, workoutsPerProgram: 2, seed: 1 });
const pages = pagesFor(catalog);
const work = await makeWorkDir();
afterAll(() => rm(work, { recursive: true, force: true }));

const asOf = new Date().toISOString();

describe('framework-mode prerender harness', () => {
  it("gives every page the state the build's renderPage serializes", async () => {
    expect(await checkStateParity(renderPage, pages, catalog, asOf)).toBeGreaterThan(4);
  });

  // Real Vite client + server builds of the app (one per device), then the prerender: seconds.
  it('builds the app and prerenders every page of a 3-program catalog', { timeout: 60_000 }, async () => {
    const build = await buildFrameworkSites({ catalog, pages, workDir: work, asOf });

    expect(build.pages).toBe(pages.length);
    expect(build.htmlPagesLogged).toBe(pages.length);
    expect(build.prerenderMs).toBeGreaterThan(0);
    for (const site of build.sites) {
      const expected = pages.filter((p) => p.device === site.device).length;
      expect(await verifyFrameworkSite(site.clientDir, site.pages, catalog)).toMatchObject({ htmlFiles: expected, dataFiles: expected });
      // The same components over the same state: renderPage's markup, page kind by page kind.
      expect(await checkMarkupParity(renderPage, site.pages, site.clientDir, catalog, asOf)).toBeGreaterThan(4);
    }

    const web = build.sites.find((s) => s.device === 'web')?.clientDir ?? '';
    const home = await readFile(htmlFileOf(web, '/'), 'utf8');
    for (const program of catalog) expect(home).toContain(program.title);
    expect(await readFile(htmlFileOf(web, '/unavailable'), 'utf8')).toContain('<title>Not available in your country · Stride</title>');
    expect(await readFile(htmlFileOf(web, '/404'), 'utf8')).toContain('Page not found');
    // Object keys line up with the build's (programs/<slug>/coming-soon/index.html, tv/…).
    const slug = catalog[0]?.slug ?? '';
    expect(await readFile(htmlFileOf(web, `/programs/${slug}/coming-soon`), 'utf8')).toContain('Coming soon');
    const tv = build.sites.find((s) => s.device === 'tv');
    if (tv) expect(await readFile(htmlFileOf(tv.clientDir, `/programs/${slug}`), 'utf8')).toContain('data-device="tv"');
  });
});
