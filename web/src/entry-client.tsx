import { StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { createBrowserRouter, matchRoutes, type RouteObject } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { bindBrowserStore } from './app/lazy-features';
import { readPreloadedState } from './app/preloaded-state';
import { bindToLocation } from './features/availability';
import { routes } from './app/route-table';
import { makeStore } from './app/store';
import { startWatchEarly } from './app/watch-early-start';
import './app/styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('Stride: #root is missing from the page');

const preloaded = readPreloadedState(document);
// The edge serves a coming-soon or 451 object at the address the viewer asked for.
const store = makeStore(preloaded && { ...preloaded, availability: bindToLocation(preloaded.availability, window.location.pathname) });
// Routes that need session, player or the /api client load them lazily, into this store.
bindBrowserStore(store);

/**
 * React Router's SSR pattern for lazy routes: the prerendered HTML already shows the matched
 * routes' components, so resolve their `lazy` before the router and hydrateRoot exist, or the
 * first client render would lack them and hydration would fail.
 */
async function resolveMatchedLazyRoutes(table: RouteObject[]): Promise<void> {
  const matches = matchRoutes(table, window.location) ?? [];
  await Promise.all(
    matches.map(async ({ route }) => {
      if (typeof route.lazy !== 'function') return;
      const resolved = await route.lazy();
      Object.assign(route, { ...resolved, lazy: undefined });
    }),
  );
}

// A /watch page asks for its grant, resume point and hls.js now, beside its route's code and
// hydration; a navigation to one asks as it starts. Failures are the player's to report.
const startPlay = (pathname: string) => void startWatchEarly(store, pathname).catch(() => undefined);
startPlay(window.location.pathname);
await resolveMatchedLazyRoutes(routes);
const router = createBrowserRouter(routes);
router.subscribe((state) => {
  if (state.navigation.location) startPlay(state.navigation.location.pathname);
});

hydrateRoot(
  container,
  <StrictMode>
    <Provider store={store}>
      <RouterProvider router={router} />
    </Provider>
  </StrictMode>,
);
