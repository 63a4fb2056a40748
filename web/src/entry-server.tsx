import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { Provider } from 'react-redux';
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router';
import { catalogStateFor } from './features/catalog';
import { pageTitle } from './app/page-title';
import { serializeStateScript } from './app/preloaded-state';
import { routes } from './app/route-table';
import { makeStore } from './app/store';
import type { Program } from './shared/content/schema';

/** One page the prerender writes: its URL, the object key it is stored under, and its status. */
export interface PageSpec {
  readonly path: string;
  readonly objectKey: string;
  readonly status: 200 | 404;
  /** Program slugs whose full details this page carries in its preloaded state. */
  readonly detailSlugs: readonly string[];
}

export interface RenderedPage {
  readonly html: string;
  readonly title: string;
  readonly stateScript: string;
}

export function pagesFor(catalog: readonly Program[]): PageSpec[] {
  return [
    { path: '/', objectKey: 'index.html', status: 200, detailSlugs: [] },
    ...catalog.map((p): PageSpec => ({
      path: `/programs/${p.slug}`,
      objectKey: `programs/${p.slug}/index.html`,
      status: 200,
      detailSlugs: [p.slug],
    })),
    { path: '/404', objectKey: '404.html', status: 404, detailSlugs: [] },
  ];
}

const handler = createStaticHandler(routes);

export async function renderPage(page: PageSpec, catalog: readonly Program[]): Promise<RenderedPage> {
  const context = await handler.query(new Request(new URL(page.path, 'http://stride.local')));
  if (context instanceof Response) throw new Error(`${page.path}: the router answered a redirect, not a page`);

  const store = makeStore({ catalog: catalogStateFor(catalog, page.detailSlugs) });
  const router = createStaticRouter(handler.dataRoutes, context);
  const html = renderToString(
    <StrictMode>
      <Provider store={store}>
        {/* hydrate={false}: no inline hydration script; the page has no loader data to hand over. */}
        <StaticRouterProvider router={router} context={context} hydrate={false} />
      </Provider>
    </StrictMode>,
  );
  const state = store.getState();
  return { html, title: pageTitle(context.matches.map((m) => ({ handle: m.route.handle, params: m.params })), state), stateScript: serializeStateScript({ catalog: state.catalog }) };
}
