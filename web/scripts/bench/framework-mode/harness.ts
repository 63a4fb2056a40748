import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createBuilder, type Logger, type Plugin } from 'vite';
import type { PageSpec } from '../../../src/entry-server';
import type { Program } from '../../../src/shared/content/schema';
import { webPaths } from '../../paths';
import type { SiteData } from './app/page-data.server';
import { frameworkPages, type FrameworkPage } from './page-state';

/** The framework-mode app's root (react-router.config.ts, app/). */
export const appRoot = import.meta.dirname;

/**
 * A fresh work folder for a framework-mode build, under web/node_modules/.cache: the server build imports
 * react, react-router and @react-router/node at run time (externals, as the build's SSR bundle
 * does), and Node finds them only from a folder inside the repository. The caller removes it.
 */
export async function makeWorkDir(): Promise<string> {
  const parent = path.join(webPaths.webDir, 'node_modules', '.cache', 'stride-framework-mode');
  await mkdir(parent, { recursive: true });
  return mkdtemp(path.join(parent, 'build-'));
}

export interface FrameworkBuildOptions {
  readonly catalog: readonly Program[];
  /** The pages to prerender: pagesFor(catalog) (buildFrameworkSites), or one device's share of it (buildFrameworkMode). */
  readonly pages: readonly PageSpec[];
  /** An empty folder (makeWorkDir) the site data, Vite's cache and the build output go to. */
  readonly workDir: string;
  /** The instant pages are rendered as of (ISO); default now. */
  readonly asOf?: string;
  /** React Router's prerender.concurrency; 1 (its default) renders one page at a time, as the build does. */
  readonly concurrency?: number;
}

export interface FrameworkBuild {
  /** Where the static site was written (React Router's build/client). */
  readonly clientDir: string;
  readonly pages: readonly FrameworkPage[];
  /** createBuilder + buildApp: client bundle, server bundle, prerender. */
  readonly totalMs: number;
  /**
   * The prerender phase: from the server bundle's writeBundle (where React Router prerenders)
   * to its closeBundle. Includes importing the server build, the SPA fallback page and the
   * removal of the server build (ssr: false), as a build would pay them.
   */
  readonly prerenderMs: number;
  /** CPU time this process spent in the prerender phase (user + system): steadier than wall time on a shared machine. */
  readonly prerenderCpuMs: number;
  /** HTML pages React Router reported writing ("Prerender (html): …"), SPA fallback excluded. */
  readonly htmlPagesLogged: number;
  /** From the first page written to the last: throughput once warm, per page after the first. */
  readonly steadyMs: number;
  /** Prerender phase start → first page written (server build import, path checks, first render). */
  readonly firstPageMs: number;
  /** Last page written → phase end (SPA fallback page, server build removal). */
  readonly tailMs: number;
}

const ENV = { siteData: 'STRIDE_FM_SITE_DATA', out: 'STRIDE_FM_OUT', concurrency: 'STRIDE_FM_CONCURRENCY' } as const;

/**
 * Vite's logger, quiet: React Router logs a line per file it prerenders; those lines are the
 * page clock (when each page was done), the rest is dropped. Warnings and errors are kept.
 */
function clockLogger(pageDone: (at: number) => void, problems: string[]): Logger {
  const warned = new Set<string>();
  const logger: Logger = {
    hasWarned: false,
    info(msg) {
      if (msg.includes('Prerender (html): ') && !msg.includes('SPA Fallback')) pageDone(performance.now());
    },
    warn(msg) {
      logger.hasWarned = true;
      problems.push(msg);
    },
    warnOnce(msg) {
      if (warned.has(msg)) return;
      warned.add(msg);
      logger.warn(msg);
    },
    error(msg) {
      problems.push(msg);
    },
    clearScreen() {},
    hasErrorLogged: () => false,
  };
  return logger;
}

/**
 * Builds the framework-mode app with React Router's Vite plugin through Vite's JavaScript API
 * (createBuilder().buildApp(), what `react-router build` runs with the environment API), and
 * prerenders `pages` (one URL each: one device's pages) into `workDir/build/client`. Environment
 * variables carry the data to react-router.config.ts and the app's loader; they are restored
 * afterwards.
 */
export async function buildFrameworkMode(options: FrameworkBuildOptions): Promise<FrameworkBuild> {
  const pages = frameworkPages(options.pages);
  const siteDataFile = path.join(options.workDir, 'site-data.json');
  const outDir = path.join(options.workDir, 'build');
  await mkdir(options.workDir, { recursive: true });
  const siteData: SiteData = { catalog: [...options.catalog], pages, asOf: options.asOf ?? new Date().toISOString() };
  await writeFile(siteDataFile, JSON.stringify(siteData));
  // The server build is ESM; say so beside it (web/package.json is further up, past node_modules).
  await writeFile(path.join(options.workDir, 'package.json'), '{ "type": "module" }\n');

  const clock = { prerenderStart: 0, prerenderEnd: 0, firstPage: 0, lastPage: 0, pages: 0, cpuStart: process.cpuUsage(), cpuMs: 0 };
  const problems: string[] = [];
  const logger = clockLogger((at) => {
    if (clock.pages === 0) clock.firstPage = at;
    clock.lastPage = at;
    clock.pages += 1;
  }, problems);
  // React Router prerenders in the server environment's writeBundle; time that hook.
  const prerenderClock: Plugin = {
    name: 'stride:prerender-clock',
    applyToEnvironment: (environment) => environment.name === 'ssr',
    writeBundle: {
      order: 'pre',
      handler() {
        clock.prerenderStart = performance.now();
        clock.cpuStart = process.cpuUsage();
      },
    },
    closeBundle() {
      clock.prerenderEnd = performance.now();
      const cpu = process.cpuUsage(clock.cpuStart);
      clock.cpuMs = (cpu.user + cpu.system) / 1000;
    },
  };

  const saved = Object.fromEntries(Object.values(ENV).map((name) => [name, process.env[name]]));
  process.env[ENV.siteData] = siteDataFile;
  process.env[ENV.out] = outDir;
  process.env[ENV.concurrency] = String(options.concurrency ?? 1);
  // React Router finds its server build in Vite's manifest by the key
  // "virtual:react-router/server-build"; under Vite 8 (Rolldown) that key is made relative to
  // the working directory, so build from the app's root as the CLI does.
  const cwd = process.cwd();
  process.chdir(appRoot);
  const started = performance.now();
  try {
    const builder = await createBuilder({
      root: appRoot,
      configFile: path.join(appRoot, 'vite.config.ts'),
      envDir: false,
      mode: 'production',
      // React Router's per-page lines still reach the custom logger; 'warn' silences Vite's reporter.
      customLogger: logger,
      logLevel: 'warn',
      cacheDir: path.join(options.workDir, 'vite-cache'),
      // The site's public files (favicon, posters), as the build's client output has them.
      publicDir: path.join(webPaths.webDir, 'public'),
      build: { sourcemap: false, reportCompressedSize: false },
      plugins: [prerenderClock],
    });
    await builder.buildApp();
  } catch (error) {
    const detail = problems.length > 0 ? `\n${problems.join('\n')}` : '';
    throw new Error(`framework-mode build failed: ${error instanceof Error ? error.message : String(error)}${detail}`, { cause: error });
  } finally {
    process.chdir(cwd);
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) Reflect.deleteProperty(process.env, name);
      else process.env[name] = value;
    }
  }
  const totalMs = performance.now() - started;
  if (clock.prerenderStart === 0 || clock.prerenderEnd < clock.prerenderStart)
    throw new Error('framework-mode: the prerender phase was not observed (React Router or Vite hooks changed?)');
  if (clock.pages > 0 && clock.firstPage < clock.prerenderStart)
    throw new Error('framework-mode: pages were written before the server writeBundle hook: the prerender clock is wrong');
  return {
    clientDir: path.join(outDir, 'client'),
    pages,
    totalMs,
    prerenderMs: clock.prerenderEnd - clock.prerenderStart,
    prerenderCpuMs: clock.cpuMs,
    htmlPagesLogged: clock.pages,
    steadyMs: clock.lastPage - clock.firstPage,
    firstPageMs: clock.firstPage - clock.prerenderStart,
    tailMs: clock.prerenderEnd - clock.lastPage,
  };
}
