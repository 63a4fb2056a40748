import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Program } from '../src/shared/content/schema';
import { loadPrograms } from './content';
import { webPaths } from './paths';
import { loadEntryServer, prerender, prerenderChanges, type PrerenderDirs } from './prerender';
import { generateCatalog } from './synthetic-catalog';
import { objectsShowingChanges, programsShownBy } from './what-shows-a-program';

// The incremental build against a full build: from a full prerender of catalog A, rendering only
// what shows the changed programs (what-shows-a-program.ts) must leave exactly the bytes a full
// prerender of catalog B at the same instant writes, and report exactly the objects that differ.
// Needs the SSR bundle (npm run build), as the prerender does.

let work: string;
const T0 = '2026-06-01T12:00:00.000Z';
const T1 = '2026-06-02T12:00:00.000Z';

async function filesOf(dir: string, base = dir): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) for (const [key, bytes] of await filesOf(full, base)) files.set(key, bytes);
    else files.set(path.relative(base, full).split(path.sep).join('/'), await readFile(full));
  }
  return files;
}

const dirsIn = (root: string): PrerenderDirs => ({
  clientDir: path.join(root, 'client'),
  serverDir: webPaths.serverDir,
  template: webPaths.template,
  routeManifest: path.join(root, 'route-manifest.json'),
  redirects: webPaths.redirects,
});

/** Writes the programs as content files and reads them back as the build does (validated, in catalog order). */
async function catalogOf(name: string, programs: readonly Program[]): Promise<Program[]> {
  const dir = path.join(work, 'content', name);
  await mkdir(dir, { recursive: true });
  for (const p of programs) await writeFile(path.join(dir, `${p.slug}.json`), `${JSON.stringify(p, null, 2)}\n`);
  return loadPrograms(dir);
}

let base: Program[];
let before: Program[];
let fullBefore: string;

beforeAll(async () => {
  if (!existsSync(path.join(webPaths.serverDir, 'entry-server.js'))) throw new Error('no SSR bundle: run npm run build first');
  work = await mkdtemp(path.join(tmpdir(), 'stride-incremental-'));
  // The shipped programs and 40 synthetic ones: 49 in all, so "All programs" has listing pages 1 and 2.
  base = [...(await loadPrograms(webPaths.contentDir)), ...generateCatalog({ programs: 40, workoutsPerProgram: 2, seed: 7 })];
  before = await catalogOf('before', base);
  fullBefore = path.join(work, 'full-before');
  await prerender(before, { dirs: dirsIn(fullBefore), asOf: T0, workers: 1 });
}, 120_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

const edit = (slug: string, change: (p: Program) => Program) => base.map((p) => (p.slug === slug ? change(p) : p));

const scenarios: [string, () => Program[]][] = [
  [
    'a description changed (the summary did not)',
    () => edit('synthetic-17', (p) => ({ ...p, description: `${p.description} Now longer.` })),
  ],
  ['a title changed (its listing page shows it)', () => edit('synthetic-33', (p) => ({ ...p, title: 'Renamed For Launch' }))],
  [
    'a launch date moved to the future (catalog order and coming soon change)',
    () => edit('hiit-30', (p) => ({ ...p, launchAt: '2027-03-01T06:00:00Z' })),
  ],
  ['a licence narrowed', () => edit('morning-yoga', (p) => ({ ...p, countries: ['GB'] }))],
  [
    'a program added',
    () => [
      ...base,
      {
        ...(base[0] as Program),
        slug: 'brand-new-launch',
        title: 'Brand New Launch',
        featured: false,
        launchAt: '2026-05-30T06:00:00Z',
        workouts: [{ id: 'w-brand-new-01', title: 'Day one', durationSec: 1200, mediaId: 'sample-yoga' }],
      },
    ],
  ],
  ['a program removed (the last listing page goes)', () => base.filter((p) => p.slug !== 'synthetic-05')],
];

describe('incremental build against a full build (same bytes for every object)', () => {
  it.each(scenarios)(
    '%s',
    async (name, change) => {
      const after = await catalogOf(name.replace(/\W+/g, '-'), change());
      const fullAfter = path.join(work, `full-after-${name.replace(/\W+/g, '-')}`);
      // In worker threads (the full build's way at scale); the build before rendered in this thread.
      await prerender(after, { dirs: dirsIn(fullAfter), asOf: T1, workers: 2 });
      const incremental = path.join(work, `incremental-${name.replace(/\W+/g, '-')}`);
      await cp(fullBefore, incremental, { recursive: true });
      const result = await prerenderChanges(before, after, { dirs: dirsIn(incremental), asOf: T1 });

      const [expected, got, old] = await Promise.all([
        filesOf(path.join(fullAfter, 'client')),
        filesOf(path.join(incremental, 'client')),
        filesOf(path.join(fullBefore, 'client')),
      ]);
      expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [key, bytes] of expected) expect(got.get(key)?.equals(bytes), key).toBe(true);
      expect(await readFile(path.join(incremental, 'route-manifest.json'), 'utf8')).toBe(
        await readFile(path.join(fullAfter, 'route-manifest.json'), 'utf8'),
      );
      // It reports exactly what differs from the previous build, and renders far less than all.
      const differing = [...expected].filter(([key, bytes]) => !old.get(key)?.equals(bytes)).map(([key]) => key);
      expect(result.changed).toEqual(differing.sort());
      expect(result.removed).toEqual([...old.keys()].filter((key) => !expected.has(key)).sort());
      expect(result.rendered).toBeLessThan(result.pages / 4);
    },
    120_000,
  );
});

describe('what shows a program', () => {
  it('renders every page from the programs it shows (the build does) to the bytes it has from the whole catalog', async () => {
    const entry = await loadEntryServer(webPaths.serverDir);
    const shownBy = programsShownBy(before);
    const pages = entry.pagesFor(before);
    for (const page of pages) {
      const shown = shownBy(page);
      expect(shown.length, page.objectKey).toBe(
        page.listsCatalog ? before.length : new Set([...page.detailSlugs, ...page.summarySlugs]).size,
      );
      expect(await entry.renderPage(page, shown, T0), page.objectKey).toEqual(await entry.renderPage(page, before, T0));
    }
    expect(pages.length).toBeGreaterThan(4 * before.length);
  }, 120_000);

  it('leaves listing pages alone when only a field they do not show changed', () => {
    const after = base.map((p) => (p.slug === 'synthetic-40' ? { ...p, description: 'Another description.' } : p));
    const { changes, write, remove } = objectsShowingChanges(base, after);
    expect(changes).toEqual({ added: [], edited: ['synthetic-40'], removed: [] });
    expect([...write].sort()).toEqual(
      [
        'index.html',
        'tv/index.html',
        'data/home.json',
        'programs/synthetic-40/index.html',
        'tv/programs/synthetic-40/index.html',
        'programs/synthetic-40/coming-soon/index.html',
        'tv/programs/synthetic-40/coming-soon/index.html',
        'data/programs/synthetic-40.json',
        'data/summaries/synthetic-40.json',
      ].sort(),
    );
    expect(remove.size).toBe(0);
  });

  it('rewrites the listing pages from where the catalog order moved', () => {
    const after = base.map((p) => (p.slug === 'synthetic-40' ? { ...p, title: 'Retitled' } : p));
    const { write } = objectsShowingChanges(base, after, 10);
    const position = base.findIndex((p) => p.slug === 'synthetic-40');
    expect([...write].filter((key) => key.startsWith('data/listing/'))).toEqual(
      position >= 10 ? [`data/listing/${Math.floor(position / 10)}.json`] : [],
    );
  });
});
