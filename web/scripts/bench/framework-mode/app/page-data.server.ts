import { readFileSync } from 'node:fs';
import type { PreloadedState } from '../../../../src/app/store';
import type { Program } from '../../../../src/shared/content/schema';
import { preloadedStateFor, type FrameworkPage } from '../page-state';

/** What the harness hands the app: the validated catalog and every page at its framework URL. */
export interface SiteData {
  readonly catalog: Program[];
  readonly pages: FrameworkPage[];
  /** The instant every page is rendered as of (the build's page loop takes one per run too). */
  readonly asOf: string;
}

/** The harness names the site data file here (react-router.config.ts reads it too). */
export const SITE_DATA_ENV = 'STRIDE_FM_SITE_DATA';

export function readSiteData(): SiteData {
  const file = process.env[SITE_DATA_ENV];
  if (!file) throw new Error(`framework-mode: ${SITE_DATA_ENV} is not set (build through harness.ts)`);
  return JSON.parse(readFileSync(file, 'utf8')) as SiteData;
}

let loaded: { catalog: Program[]; asOf: string; byUrl: Map<string, FrameworkPage> } | undefined;

/**
 * The loader's state for a URL. Read once per build (like the build's one loadPrograms), not
 * per page. An unknown URL is a 404 response, which fails the prerender loudly.
 */
export function stateForUrl(pathname: string): PreloadedState {
  if (!loaded) {
    const data = readSiteData();
    loaded = { catalog: data.catalog, asOf: data.asOf, byUrl: new Map(data.pages.map((p) => [p.url, p])) };
  }
  // Prerender asks for /programs/x/ (HTML) and /programs/x.data (loaders see /programs/x).
  const url = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const page = loaded.byUrl.get(url);
  if (!page) throw new Response(`framework-mode: no page at ${url}`, { status: 404 });
  return preloadedStateFor(page, loaded.catalog, loaded.asOf);
}
