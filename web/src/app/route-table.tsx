import { useRoutes, type RouteObject } from 'react-router';
import { selectProgram, selectSummary } from '../features/catalog';
import type { RouteHandle } from './page-title';
import { ensureApiFeatures } from './lazy-features';
import { lazyRoute } from './lazy-route';
import { RouteTableProvider } from './page-matches';
import { HomeRoute } from './routes/home';
import { RootLayout } from './routes/layout';
import { NotFoundRoute } from './routes/not-found';
import { ProgramRoute } from './routes/program';

/** The player's route (watch-early-start.ts starts a play's requests on it). */
export const WATCH_ROUTE_PATH = 'watch/:id';

const handle = (title: RouteHandle['title']): RouteHandle => ({ title });

// Lazy: the player's, the session feature's and the /api client's (RTK Query) code load only on
// the routes that use them, with the /api features installed into the store first.
const withApiFeatures = async <M,>(route: Promise<M>): Promise<M> => (await Promise.all([ensureApiFeatures(), route]))[1];
const watch = lazyRoute(
  () => withApiFeatures(import('./routes/watch')),
  (m) => m.WatchRoute,
);
const account = lazyRoute(
  () => withApiFeatures(import('./routes/account')),
  (m) => m.AccountRoute,
);
const login = lazyRoute(
  () => withApiFeatures(import('./routes/login')),
  (m) => m.LoginRoute,
);
// Sign-up and the TV-approval page: lazy with the session feature, as /login is.
const join = lazyRoute(
  () => withApiFeatures(import('./routes/join')),
  (m) => m.JoinRoute,
);
const activate = lazyRoute(
  () => withApiFeatures(import('./routes/activate')),
  (m) => m.ActivateRoute,
);

/** The one route table: the browser, the prerender and the route manifest all read it. */
export const routes: RouteObject[] = [
  {
    path: '/',
    Component: RootLayout,
    children: [
      { index: true, Component: HomeRoute, handle: handle(() => 'Stride') },
      {
        path: 'programs/:slug',
        Component: ProgramRoute,
        // A coming-soon page carries only the summary, not the full program.
        handle: handle(
          (state, params) => selectProgram(state, params.slug ?? '')?.title ?? selectSummary(state, params.slug ?? '')?.title ?? 'Program',
        ),
      },
      {
        path: WATCH_ROUTE_PATH,
        Component: watch.Component,
        lazy: watch.lazy,
        // The title reads the player's playback answer, so it waits for the player's code; until
        // then (and in the shared prerendered shell, which serves every id) it says "Player".
        handle: handle((state, params) => watch.loaded()?.watchHandle.title(state, params) ?? 'Player'),
      },
      { path: 'account', Component: account.Component, lazy: account.lazy, handle: handle(() => 'Your account') },
      { path: 'login', Component: login.Component, lazy: login.lazy, handle: handle(() => 'Sign in') },
      { path: 'join', Component: join.Component, lazy: join.lazy, handle: handle(() => 'Join Stride') },
      { path: 'activate', Component: activate.Component, lazy: activate.lazy, handle: handle(() => 'Sign in a TV') },
      { path: '*', Component: NotFoundRoute, handle: handle(() => 'Page not found') },
    ],
  },
];

/**
 * The app's pages, in whichever router is around them: BrowserRouter (entry-client) or
 * StaticRouter (entry-server), the same tree in both so hydration (useId included) matches.
 * React Router's declarative mode: the app uses no loaders or actions, and the data router's
 * code is some 17 KiB gzip of every page's initial JavaScript.
 */
export function AppRoutes() {
  return <RouteTableProvider routes={routes}>{useRoutes(routes)}</RouteTableProvider>;
}
