import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { readBuildRecord, writeBuildRecord } from './build-record';
import { codeFingerprint } from './code-fingerprint';
export { codeFingerprint } from './code-fingerprint';
import { checkContentAssets } from './content-assets';
import { loadPrograms } from './content';
import type { ClientManifest } from './lazy-route-chunks';
import { addWatchBoot } from './watch-boot-tag';
import { webPaths } from './paths';
import { prerender, prerenderChanges, type PrerenderDirs } from './prerender';
import type { ProgramChanges } from './what-shows-a-program';

/** Where one build reads content from and writes to; `sitePaths()` is the repo's own. */
export interface SitePaths extends PrerenderDirs {
  readonly contentDir: string;
  readonly publicDir: string;
  readonly mediaDir: string;
  readonly distDir: string;
  readonly clientManifest: string;
  readonly buildStamp: string;
  readonly record: string;
  /** What the last build changed (SiteBuildReport as JSON), for publish and launch to read. */
  readonly report: string;
}

/** The build's paths for a dist folder (and content folder) other than the repo's, e.g. a benchmark's. */
export function sitePaths(
  overrides: { distDir?: string; contentDir?: string; redirects?: string; publicDir?: string; mediaDir?: string } = {},
): SitePaths {
  const distDir = overrides.distDir ?? webPaths.distDir;
  return {
    contentDir: overrides.contentDir ?? webPaths.contentDir,
    redirects: overrides.redirects ?? webPaths.redirects,
    publicDir: overrides.publicDir ?? path.join(webPaths.webDir, 'public'),
    mediaDir: overrides.mediaDir ?? path.join(webPaths.webDir, 'media'),
    distDir,
    clientDir: path.join(distDir, 'client'),
    serverDir: path.join(distDir, 'server'),
    template: path.join(distDir, 'server', 'template.html'),
    routeManifest: path.join(distDir, 'route-manifest.json'),
    clientManifest: path.join(distDir, 'client-manifest.json'),
    buildStamp: path.join(distDir, '.build-stamp'),
    record: path.join(distDir, 'build-record.json'),
    report: path.join(distDir, 'build-report.json'),
  };
}

export interface SiteBuildOptions {
  readonly paths?: SitePaths;
  /** `full` renders everything even when only content changed. */
  readonly mode?: 'auto' | 'full';
  /** The instant pages are rendered as of (ISO); now by default. */
  readonly asOf?: string;
  /**
   * The code fingerprint to build with, hashed once by a caller running several builds of one
   * checkout (the benchmark: others editing the tree meanwhile must not turn its builds full).
   */
  readonly codeFingerprint?: string;
  readonly log?: (line: string) => void;
}

export interface SiteBuildReport {
  /** This build's id (new each build). */
  readonly id: string;
  /**
   * The build whose output this one changed (an incremental build: `changed` and `removed` are
   * relative to it); null for a full build. Publish takes the changed keys from the report when it
   * hashed `base`'s output last (infra/publish/local-files.ts), instead of hashing every object.
   */
  readonly base: string | null;
  readonly mode: 'full' | 'incremental';
  /** Why a full build was needed (empty for an incremental one). */
  readonly reason: string;
  readonly asOf: string;
  readonly programs: number;
  /** Pages the site has, and the ones this build rendered. */
  readonly pages: number;
  readonly rendered: number;
  readonly dataFiles: number;
  /** Programs added, edited and removed since the last build (null for a full build). */
  readonly changes: ProgramChanges | null;
  /** Object keys new or different since the last build (null for a full build: all of them). */
  readonly changed: string[] | null;
  /** Object keys deleted (a removed program's). */
  readonly removed: string[];
  /** Rendering pages and writing page data (the whole build less validation and bundling). */
  readonly renderMs: number;
  readonly ms: number;
}

const configFile = path.join(webPaths.repoRoot, 'vite.config.ts');

/**
 * React Router's production build. Its package sends Node only its development build (extra
 * checks and warnings on every <Link>: a fifth of a page's render in the build's profile); the
 * SSR bundle renders the same HTML with the production one, in a quarter less time.
 */
const reactRouterProduction = path.join(
  path.dirname(fileURLToPath(import.meta.resolve('react-router/package.json'))),
  'dist',
  'production',
  'index.mjs',
);

async function viteBuild(paths: SitePaths): Promise<void> {
  await rm(paths.distDir, { recursive: true, force: true });
  await build({ configFile, logLevel: 'warn', build: { outDir: paths.clientDir } });
  await build({
    configFile,
    logLevel: 'warn',
    build: { ssr: 'src/entry-server.tsx', outDir: paths.serverDir, emptyOutDir: true, manifest: false, sourcemap: false },
    resolve: { alias: [{ find: /^react-router$/, replacement: reactRouterProduction }] },
  });
  // The built index.html is the template, not a page: keep it (and Vite's manifest) out of the bucket.
  await mkdir(paths.serverDir, { recursive: true });
  await rename(path.join(paths.clientDir, 'index.html'), paths.template);
  await rename(path.join(paths.clientDir, '.vite', 'manifest.json'), paths.clientManifest);
  await rm(path.join(paths.clientDir, '.vite'), { recursive: true, force: true });
}

/** Copies posters whose bytes differ from the bucket's copy (Vite copies them all on a full build). */
async function syncPosters(paths: SitePaths): Promise<string[]> {
  const folder = path.join(paths.publicDir, 'posters');
  const changed: string[] = [];
  for (const name of (await readdir(folder).catch(() => [] as string[])).sort()) {
    const key = `posters/${name}`;
    const [source, copy] = await Promise.all([
      readFile(path.join(folder, name)),
      readFile(path.join(paths.clientDir, key)).catch(() => null),
    ]);
    if (copy !== null && copy.equals(source)) continue;
    await mkdir(path.join(paths.clientDir, 'posters'), { recursive: true });
    await copyFile(path.join(folder, name), path.join(paths.clientDir, key));
    changed.push(key);
  }
  return changed;
}

/**
 * The web build: validates content, then either renders only what shows the programs that
 * changed since the last build (same code and templates, a build record to start from) or
 * builds everything (Vite client and SSR bundles, every page). Both leave the same bytes.
 */
export async function buildSite(options: SiteBuildOptions = {}): Promise<SiteBuildReport> {
  const started = performance.now();
  // React's production build renders the pages, full build or not: Vite sets this for a full
  // build, and an incremental one (no Vite run) must not load React's development build instead.
  process.env.NODE_ENV ??= 'production';
  const paths = options.paths ?? sitePaths();
  const log = options.log ?? (() => undefined);
  // Validate content first: a bad file should fail in a second, not after two bundler runs.
  const catalog = await loadPrograms(paths.contentDir);
  await checkContentAssets(catalog, { contentDir: paths.contentDir, publicDir: paths.publicDir, mediaDir: paths.mediaDir });

  const fingerprint = options.codeFingerprint ?? (await codeFingerprint(webPaths.repoRoot));
  const record =
    options.mode === 'full'
      ? 'a full build was asked for'
      : !existsSync(paths.template) || !existsSync(path.join(paths.serverDir, 'entry-server.js'))
        ? 'no SSR bundle to render with'
        : await readBuildRecord(paths.record);
  const reason =
    typeof record === 'string' ? record : record.codeFingerprint !== fingerprint ? 'code or templates changed since the last build' : '';
  const asOf = options.asOf ?? new Date().toISOString();
  // The record goes first: a build that stops half-way leaves none, so the next one is full; nor
  // a report, so nothing reads the report of an earlier build as this output's.
  await rm(paths.record, { force: true });
  await rm(paths.report, { force: true });
  const id = randomUUID();

  let report: SiteBuildReport;
  if (typeof record === 'string' || reason !== '') {
    log(`full build (${reason}): bundling…`);
    await viteBuild(paths);
    log(`rendering ${catalog.length} programs…`);
    const renderStarted = performance.now();
    const result = await prerender(catalog, { dirs: paths, asOf });
    const renderMs = Math.round(performance.now() - renderStarted);
    // The /watch pages start their play before the app has loaded (src/watch-boot.ts).
    await addWatchBoot(paths.clientDir, JSON.parse(await readFile(paths.clientManifest, 'utf8')) as ClientManifest);
    report = {
      id,
      base: null,
      mode: 'full',
      reason,
      asOf,
      programs: catalog.length,
      pages: result.pages,
      rendered: result.pages,
      dataFiles: result.dataFiles,
      changes: null,
      changed: null,
      removed: [],
      renderMs,
      ms: 0,
    };
  } else {
    const posters = await syncPosters(paths);
    const renderStarted = performance.now();
    const result = await prerenderChanges(record.catalog, catalog, { dirs: paths, asOf });
    const renderMs = Math.round(performance.now() - renderStarted);
    const { added, edited, removed } = result.changes;
    log(`incremental build: ${added.length} added, ${edited.length} edited, ${removed.length} removed program(s)`);
    report = {
      id,
      // A record of an older build names none: publish then hashes every object once.
      base: record.build ?? null,
      mode: 'incremental',
      reason: '',
      asOf,
      programs: catalog.length,
      pages: result.pages,
      rendered: result.rendered,
      dataFiles: result.dataFiles,
      changes: result.changes,
      changed: [...posters, ...result.changed].sort(),
      removed: result.removed,
      renderMs,
      ms: 0,
    };
  }
  report = { ...report, ms: Math.round(performance.now() - started) };
  await writeBuildRecord(paths.record, { build: id, codeFingerprint: fingerprint, asOf, catalog });
  await writeFile(paths.report, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(paths.buildStamp, new Date().toISOString());
  return report;
}
