import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Program } from '../../../src/shared/content/schema';
import type { FrameworkPage } from './page-state';

export interface WrittenSite {
  /** index.html files under the output (every page's, and nothing else's). */
  readonly htmlFiles: number;
  readonly htmlBytes: number;
  /** .data files (the loader data React Router writes beside each page for client navigation). */
  readonly dataFiles: number;
  readonly dataBytes: number;
}

/** Where React Router writes a prerendered URL's HTML. */
export const htmlFileOf = (clientDir: string, url: string): string => path.join(clientDir, ...url.split('/').filter(Boolean), 'index.html');

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Proves the prerender wrote what it was timed on: one index.html per page (and no other), a
 * .data file per page, and the spot-checked pages show their program (title in <title> and <h1>; the coming-soon
 * variant as such).
 */
export async function verifyFrameworkSite(
  clientDir: string,
  pages: readonly FrameworkPage[],
  catalog: readonly Program[],
): Promise<WrittenSite> {
  const files = (await readdir(clientDir, { recursive: true })).map((f) => f.split(path.sep).join('/'));
  const html = files.filter((f) => f === 'index.html' || f.endsWith('/index.html'));
  const data = files.filter((f) => f.endsWith('.data'));
  const expected = new Set(pages.map((p) => path.relative(clientDir, htmlFileOf(clientDir, p.url)).split(path.sep).join('/')));
  const missing = [...expected].filter((f) => !html.includes(f));
  const extra = html.filter((f) => !expected.has(f));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `framework-mode: ${html.length} index.html written for ${pages.length} pages (missing: ${missing.slice(0, 5).join(', ') || 'none'}; unexpected: ${extra.slice(0, 5).join(', ') || 'none'})`,
    );
  }
  if (data.length !== pages.length) throw new Error(`framework-mode: ${data.length} .data files for ${pages.length} pages`);

  const sizes = async (list: string[]) =>
    (await Promise.all(list.map((f) => stat(path.join(clientDir, f))))).reduce((n, s) => n + s.size, 0);
  // Spot checks: the first and last program pages, and a coming-soon page, name their program.
  const programPages = pages.filter((p) => p.spec.role === 'page' && p.spec.detailSlugs.length === 1);
  const checks = [programPages[0], programPages[programPages.length - 1], pages.find((p) => p.spec.role === 'coming-soon')];
  for (const page of checks) {
    if (!page) throw new Error('framework-mode: no program page to spot-check');
    const slug = page.spec.detailSlugs[0] ?? page.url.split('/')[2];
    const program = catalog.find((p) => p.slug === slug);
    if (!program) throw new Error(`framework-mode: ${page.url} names no program of the catalog`);
    const text = await readFile(htmlFileOf(clientDir, page.url), 'utf8');
    const title = escapeHtml(program.title);
    if (!text.includes(`<title>${title} · Stride</title>`) || !text.includes(`>${title}</h1>`)) {
      throw new Error(`framework-mode: ${page.url} does not show "${program.title}" in its <title> and <h1>`);
    }
    if (page.spec.role === 'coming-soon' && !text.includes('>Coming soon<'))
      throw new Error(`framework-mode: ${page.url} is not a coming-soon page`);
  }
  return { htmlFiles: html.length, htmlBytes: await sizes(html), dataFiles: data.length, dataBytes: await sizes(data) };
}
