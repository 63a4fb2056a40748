import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { LAZY_ROUTE_MODULES, lazyRouteChunkFiles, type ClientManifest } from '../lazy-route-chunks';

/** The page types the budget is judged on, by the object the prerender writes for each. */
export interface PageType {
  readonly name: string;
  /** Object key under web/dist/client; `*` matches the first program slug found. */
  readonly objectKey: string;
}

export interface ScriptRef {
  readonly kind: 'script' | 'modulepreload';
  readonly src: string;
}

/** The JavaScript an HTML page loads before anything runs: module scripts with a src, and modulepreloads. */
export function scriptRefs(html: string): ScriptRef[] {
  const refs: ScriptRef[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
    const value = (name: string) => {
      const m = attr(name);
      return m ? (m[2] ?? m[3] ?? m[4] ?? '') : undefined;
    };
    if (/^<script/i.test(tag)) {
      const src = value('src');
      const type = value('type');
      if (src !== undefined && (type === undefined || type === 'module' || type === 'text/javascript')) refs.push({ kind: 'script', src });
    } else if ((value('rel') ?? '').toLowerCase() === 'modulepreload') {
      const href = value('href');
      if (href !== undefined) refs.push({ kind: 'modulepreload', src: href });
    }
  }
  return refs;
}

export interface FileSize {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

export async function fileSize(clientDir: string, src: string): Promise<FileSize> {
  const file = src.replace(/^\//, '').split(/[?#]/)[0] ?? '';
  const body = await readFile(path.join(clientDir, file));
  return { file, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
}

export interface InitialJs {
  readonly page: string;
  readonly objectKey: string;
  readonly files: readonly FileSize[];
  readonly gzipBytes: number;
  readonly bytes: number;
}

/** Initial JS of one built page: every distinct script/modulepreload it references, gzip -9 each. */
export async function initialJsOf(clientDir: string, type: PageType): Promise<InitialJs> {
  const html = await readFile(path.join(clientDir, type.objectKey), 'utf8');
  const srcs = [...new Set(scriptRefs(html).map((r) => r.src))];
  const files = await Promise.all(srcs.map((src) => fileSize(clientDir, src)));
  return {
    page: type.name,
    objectKey: type.objectKey,
    files,
    gzipBytes: files.reduce((n, f) => n + f.gzipBytes, 0),
    bytes: files.reduce((n, f) => n + f.bytes, 0),
  };
}

/**
 * Initial JS gzip budget (issue 17), judged on every page type: the JavaScript a page needs
 * before it hydrates. A lazy route's code (login, account, watch) is not in it: it loads beside
 * hydration and is reported apart (routeBesideHydration).
 */
export const INITIAL_JS_BUDGET_GZIP = 100 * 1024;

/** The page types the budget is judged on, for a built site whose program `programSlug` exists. */
export function pageTypes(programSlug: string): PageType[] {
  return [
    { name: 'home', objectKey: 'index.html' },
    { name: 'program', objectKey: `programs/${programSlug}/index.html` },
    { name: 'coming-soon', objectKey: `programs/${programSlug}/coming-soon/index.html` },
    { name: 'login', objectKey: 'login/index.html' },
    { name: 'account', objectKey: 'account/index.html' },
    { name: 'watch shell', objectKey: 'watch/index.html' },
    { name: '404', objectKey: '404.html' },
  ];
}

export interface PageJs extends InitialJs {
  /** The page's lazy route's chunks the initial JS does not name: they load beside hydration. */
  readonly routeBesideHydration?: { readonly files: readonly string[]; readonly gzipBytes: number };
  /**
   * A /watch page's app (its entry and the chunks it names), which the page's one script, the
   * watch boot, starts once the play's first frame is up (scripts/watch-boot-tag.ts).
   */
  readonly appAfterFirstFrame?: { readonly files: readonly string[]; readonly gzipBytes: number };
}

/** The app a page's watch boot script starts later: its `data-app-entry` and `data-app-preloads`, as files. */
export function appStartedByBoot(html: string): string[] {
  const tag = /<script\b[^>]*\bdata-app-entry="([^"]+)"[^>]*>/.exec(html);
  if (!tag?.[1]) return [];
  const preloads = /\bdata-app-preloads="([^"]*)"/.exec(tag[0])?.[1] ?? '';
  return [tag[1], ...preloads.split(' ')].filter((src) => src !== '').map((src) => src.replace(/^\//, ''));
}

/** Initial JS of each page type, and what its lazy route (LAZY_ROUTE_MODULES, by the page's folder) loads beside hydration. */
export async function pageTypesJs(clientDir: string, manifest: ClientManifest, types: readonly PageType[]): Promise<PageJs[]> {
  const results: PageJs[] = [];
  for (const type of types) {
    const initial = await initialJsOf(clientDir, type);
    const folder = path.posix.dirname(type.objectKey);
    const app = appStartedByBoot(await readFile(path.join(clientDir, type.objectKey), 'utf8'));
    const routeFiles = LAZY_ROUTE_MODULES[folder] ? lazyRouteChunkFiles(manifest, folder) : [];
    const named = new Set([...initial.files.map((f) => f.file), ...app]);
    const extra = routeFiles.filter((f) => !named.has(f));
    const total = async (files: readonly string[]) =>
      (await Promise.all(files.map((f) => fileSize(clientDir, f)))).reduce((n, size) => n + size.gzipBytes, 0);
    results.push({
      ...initial,
      ...(extra.length > 0 ? { routeBesideHydration: { files: extra, gzipBytes: await total(extra) } } : {}),
      ...(app.length > 0 ? { appAfterFirstFrame: { files: app, gzipBytes: await total(app) } } : {}),
    });
  }
  return results;
}

/** Within the budget: the JavaScript the page needs before it hydrates. */
export const withinBudget = (page: InitialJs): boolean => page.gzipBytes <= INITIAL_JS_BUDGET_GZIP;
