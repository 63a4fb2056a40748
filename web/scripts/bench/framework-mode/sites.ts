import path from 'node:path';
import type { PageSpec } from '../../../src/entry-server';
import { buildFrameworkMode, type FrameworkBuild, type FrameworkBuildOptions } from './harness';

export interface FrameworkSite extends FrameworkBuild {
  readonly device: PageSpec['device'];
}

/** Every device's build, and their sums: what one framework-mode prerender of pagesFor costs. */
export interface FrameworkSites {
  readonly sites: readonly FrameworkSite[];
  readonly pages: number;
  readonly totalMs: number;
  readonly prerenderMs: number;
  readonly prerenderCpuMs: number;
  readonly htmlPagesLogged: number;
  /** Summed first→last spans; they cover `pages - sites.length` pages. */
  readonly steadyMs: number;
}

/**
 * Prerenders pagesFor(catalog) in framework mode: one build per device (pagesFor's TV twins share
 * their web page's path, and a prerendered URL is one file), each in its own folder under
 * `workDir` (the TV site's files are the build's tv/… objects), one after the other.
 */
export async function buildFrameworkSites(options: FrameworkBuildOptions): Promise<FrameworkSites> {
  const devices = [...new Set(options.pages.map((p) => p.device))];
  const sites: FrameworkSite[] = [];
  for (const device of devices) {
    const pages = options.pages.filter((p) => p.device === device);
    const build = await buildFrameworkMode({ ...options, pages, workDir: path.join(options.workDir, device) });
    sites.push({ ...build, device });
  }
  const sum = (pick: (site: FrameworkSite) => number) => sites.reduce((n, site) => n + pick(site), 0);
  return {
    sites,
    pages: sum((s) => s.pages.length),
    totalMs: sum((s) => s.totalMs),
    prerenderMs: sum((s) => s.prerenderMs),
    prerenderCpuMs: sum((s) => s.prerenderCpuMs),
    htmlPagesLogged: sum((s) => s.htmlPagesLogged),
    steadyMs: sum((s) => s.steadyMs),
  };
}
