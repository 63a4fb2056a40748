import { comingSoonObjectKey, objectKeyOf, pageObjectKey, programPath } from '@stride/contract/urls';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { Provider } from 'react-redux';
import { createStaticHandler, StaticRouter } from 'react-router';
import type { PageNotice } from './features/availability';
import { devicePreloadFor } from './features/device';
import { installApiFeatures } from './app/api-features';
import { pageStateFor } from './app/page-state';
import { pageTitle, UNAVAILABLE_TITLE } from './app/page-title';
import { serializeStateScript } from './app/preloaded-state';
import { AppRoutes, routes } from './app/route-table';
import { makeStore } from './app/store';
import type { Program } from './shared/content/schema';

/** Page data the prerender writes beside the pages: the home page's programs and later listing pages. */
export { homeDataFor, listingPagesFor } from './features/catalog';
export { summarize } from './shared/content/program-summary';

/**
 * One page the prerender writes: the URL it is rendered at, the object key it is stored under,
 * its status, and what the edge uses it for (the route manifest is built from this list).
 */
export interface PageSpec {
  readonly path: string;
  readonly objectKey: string;
  readonly status: 200 | 404 | 451;
  /** Program slugs whose full details this page carries in its preloaded state. */
  readonly detailSlugs: readonly string[];
  /** Program slugs whose summary only this page carries (a coming-soon page). */
  readonly summarySlugs: readonly string[];
  /** The page lists programs (home): it carries the home page's programs (homeDataFor). */
  readonly listsCatalog: boolean;
  /** `page`: answers `route`; `coming-soon`: `route` before its launch; `not-found`/`unavailable`: status pages. */
  readonly role: 'page' | 'coming-soon' | 'not-found' | 'unavailable';
  /** The canonical path or pattern (`/watch/:id`) the edge serves this object at. */
  readonly route: string;
  readonly device: 'web' | 'tv';
  readonly notice?: PageNotice;
}

export interface RenderedPage {
  readonly html: string;
  readonly title: string;
  readonly stateScript: string;
}

export function pagesFor(catalog: readonly Program[]): PageSpec[] {
  const page = (path: string, objectKey: string): PageSpec => ({
    path,
    objectKey,
    status: 200,
    detailSlugs: [],
    summarySlugs: [],
    listsCatalog: false,
    role: 'page',
    route: path,
    device: 'web',
  });
  const web: PageSpec[] = [
    { ...page('/', 'index.html'), listsCatalog: true },
    ...catalog.map((p): PageSpec => ({
      ...page(programPath(p.slug), objectKeyOf(pageObjectKey(programPath(p.slug)))),
      detailSlugs: [p.slug],
    })),
    // Served at /programs/<slug> until launchAt: the summary only, no workouts.
    ...catalog.map((p): PageSpec => ({
      ...page(programPath(p.slug), objectKeyOf(comingSoonObjectKey(p.slug))),
      role: 'coming-soon',
      notice: 'coming-soon',
      summarySlugs: [p.slug],
    })),
    // One shell for every /watch/<id>: it renders nothing id-specific.
    { ...page('/watch/shell', 'watch/index.html'), route: '/watch/:id' },
    page('/account', 'account/index.html'),
    page('/login', 'login/index.html'),
    page('/join', 'join/index.html'),
    page('/activate', 'activate/index.html'),
    { ...page('/404', '404.html'), status: 404, role: 'not-found', route: '' },
    { ...page('/unavailable', '451.html'), status: 451, role: 'unavailable', route: '', notice: 'unavailable' },
  ];
  // The 10-foot twin of every page under tv/: same path, route and role, so the route manifest
  // gives each route its TV object and the edge serves it to TV viewers at the same pretty URL.
  return [...web, ...web.map((p): PageSpec => ({ ...p, objectKey: `tv/${p.objectKey}`, device: 'tv' }))];
}

// The browser loads these with the routes that use them; every prerendered store has them.
installApiFeatures();
const handler = createStaticHandler(routes);

/** Renders one page as of `asOf` (ISO; what "newly launched" and "coming soon" badges are judged against). */
export async function renderPage(
  page: PageSpec,
  catalog: readonly Program[],
  asOf: string = new Date().toISOString(),
): Promise<RenderedPage> {
  const context = await handler.query(new Request(new URL(page.path, 'http://stride.local')));
  if (context instanceof Response) throw new Error(`${page.path}: the router answered a redirect, not a page`);
  // A route that failed (e.g. a lazy route module that did not load) would otherwise be
  // prerendered as its error boundary and shipped as a page: fail the build instead.
  if (context.errors) {
    const reasons = Object.entries(context.errors).map(
      ([routeId, error]) => `${routeId}: ${error instanceof Error ? error.message : String(error)}`,
    );
    throw new Error(`${page.path}: route error while prerendering (${reasons.join('; ')})`);
  }

  const store = makeStore(pageStateFor(page, catalog, asOf));
  // The static handler has loaded the page's lazy routes; the page renders in the declarative
  // router the browser hydrates it with (entry-client), the same tree.
  const html = renderToString(
    <StrictMode>
      <Provider store={store}>
        <StaticRouter location={page.path}>
          <AppRoutes />
        </StaticRouter>
      </Provider>
    </StrictMode>,
  );
  const state = store.getState();
  const title =
    page.notice === 'unavailable'
      ? UNAVAILABLE_TITLE
      : pageTitle(
          context.matches.map((m) => ({ handle: m.route.handle, params: m.params })),
          state,
        );
  return {
    html,
    title,
    stateScript: serializeStateScript({ catalog: state.catalog, availability: state.availability, ...devicePreloadFor(state.device) }),
  };
}
