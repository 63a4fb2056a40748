import type { RouteObject } from 'react-router';
import { selectProgram, selectSummary } from '../features/catalog';
import type { RouteHandle } from './page-title';
import { ensureApiFeatures } from './lazy-features';
import { HomeRoute } from './routes/home';
import { RootLayout } from './routes/layout';
import { NotFoundRoute } from './routes/not-found';
import { ProgramRoute } from './routes/program';

/** The player's route (watch-early-start.ts starts a play's requests on it). */
export const WATCH_ROUTE_PATH = 'watch/:id';

const handle = (title: RouteHandle['title']): RouteHandle => ({ title });

/** The one route table: the browser router, the prerender and the route manifest all read it. */
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
        // Lazy: the player's code loads only on /watch. The server's static handler resolves it
        // before rendering; the browser resolves matched lazy routes before hydrating (entry-client).
        lazy: async () => {
          const [, route] = await Promise.all([ensureApiFeatures(), import('./routes/watch')]);
          // The title reads the player's playback answer, so it comes with the player's code.
          return { Component: route.WatchRoute, handle: route.watchHandle };
        },
      },
      // Lazy too: with the session feature and the /api client (RTK Query), which only these
      // routes and /watch use, out of every other page's initial JavaScript.
      {
        path: 'account',
        lazy: async () => {
          const [, route] = await Promise.all([ensureApiFeatures(), import('./routes/account')]);
          return { Component: route.AccountRoute };
        },
        handle: handle(() => 'Your account'),
      },
      {
        path: 'login',
        lazy: async () => {
          const [, route] = await Promise.all([ensureApiFeatures(), import('./routes/login')]);
          return { Component: route.LoginRoute };
        },
        handle: handle(() => 'Sign in'),
      },
      // Sign-up and the TV-approval page: lazy with the session feature, as /login is.
      {
        path: 'join',
        lazy: async () => {
          const [, route] = await Promise.all([ensureApiFeatures(), import('./routes/join')]);
          return { Component: route.JoinRoute };
        },
        handle: handle(() => 'Join Stride'),
      },
      {
        path: 'activate',
        lazy: async () => {
          const [, route] = await Promise.all([ensureApiFeatures(), import('./routes/activate')]);
          return { Component: route.ActivateRoute };
        },
        handle: handle(() => 'Sign in a TV'),
      },
      { path: '*', Component: NotFoundRoute, handle: handle(() => 'Page not found') },
    ],
  },
];
