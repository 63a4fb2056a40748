import { readFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import type { PageSpec, RenderedPage } from '../../../src/entry-server';
import type { Program } from '../../../src/shared/content/schema';
import { preloadedStateFor, type FrameworkPage } from './page-state';
import { htmlFileOf } from './verify';

type RenderPage = (page: PageSpec, catalog: readonly Program[], asOf: string) => Promise<RenderedPage>;

/** The JSON inside renderPage's state script. */
function stateOf(rendered: RenderedPage): unknown {
  const json = /<script[^>]*>([\s\S]*)<\/script>/.exec(rendered.stateScript)?.[1];
  if (json === undefined) throw new Error('framework-mode parity: renderPage returned no state script');
  return JSON.parse(json);
}

/** One page of each kind (role × device × which page; one program page per role): what the parity checks look at. */
function pageKinds<T>(pages: readonly T[], specOf: (page: T) => PageSpec): T[] {
  const kinds = new Map<string, T>();
  for (const page of pages) {
    const spec = specOf(page);
    const kind = `${spec.role}/${spec.device}/${spec.role === 'coming-soon' || spec.detailSlugs.length > 0 ? 'program' : spec.path}`;
    if (!kinds.has(kind)) kinds.set(kind, page);
  }
  return [...kinds.values()];
}

/**
 * Checks that the framework-mode app's page state (page-state.ts) is the state the build path
 * serializes, on one page of each kind (role × device), at the build path's own URL. Throws
 * naming the first page that differs: the comparison would not be apples to apples.
 */
export async function checkStateParity(
  renderPage: RenderPage,
  pages: readonly PageSpec[],
  catalog: readonly Program[],
  asOf: string,
): Promise<number> {
  const kinds = pageKinds(pages, (p) => p);
  for (const page of kinds) {
    const expected = stateOf(await renderPage(page, catalog, asOf));
    const actual: unknown = JSON.parse(JSON.stringify(preloadedStateFor({ url: page.path, spec: page }, catalog, asOf)));
    if (!isDeepStrictEqual(actual, expected)) {
      throw new Error(
        `framework-mode parity: ${page.objectKey}: page-state.ts builds a different state than renderPage serializes (update page-state.ts, or rebuild web/dist if the source changed)\n  renderPage: ${JSON.stringify(expected).slice(0, 300)}\n  framework:  ${JSON.stringify(actual).slice(0, 300)}`,
      );
    }
  }
  return kinds.length;
}

/**
 * What may differ between the two renders of one page: React Router's Links add
 * data-discover, useId values depend on the depth of the tree, and renderToString emits hoisted
 * resources (image preloads) at the top where a full document puts them in <head>.
 */
const normalize = (html: string): string =>
  html
    .replaceAll(' data-discover="true"', '')
    .replace(/_R_[0-9a-z]+_/g, '_R_id_')
    .replace(/^(<link rel="preload"[^>]*\/>)+/, '');

/**
 * Checks that the framework-mode app rendered the same markup as renderPage inside #root, on
 * one page of each kind: the same components over the same state (with web/dist built from the
 * current source). Throws naming the first page that differs and where.
 */
export async function checkMarkupParity(
  renderPage: RenderPage,
  pages: readonly FrameworkPage[],
  clientDir: string,
  catalog: readonly Program[],
  asOf: string,
): Promise<number> {
  const kinds = pageKinds(pages, (p) => p.spec);
  for (const page of kinds) {
    const document = await readFile(htmlFileOf(clientDir, page.url), 'utf8');
    const root = /<div id="root">([\s\S]*)<\/div><script>window\.__reactRouterContext/.exec(document)?.[1];
    if (root === undefined) throw new Error(`framework-mode markup parity: ${page.url}: no #root before React Router's scripts`);
    const framework = normalize(root);
    const dataApi = normalize((await renderPage(page.spec, catalog, asOf)).html);
    if (framework !== dataApi) {
      let at = 0;
      while (at < framework.length && framework[at] === dataApi[at]) at += 1;
      throw new Error(
        `framework-mode markup parity: ${page.url} (${page.spec.objectKey}) differs from renderPage at character ${at} (rebuild web/dist if the source changed)\n  renderPage: …${dataApi.slice(Math.max(0, at - 60), at + 120)}\n  framework:  …${framework.slice(Math.max(0, at - 60), at + 120)}`,
      );
    }
  }
  return kinds.length;
}
