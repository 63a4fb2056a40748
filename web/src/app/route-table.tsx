import type { RouteObject } from 'react-router';
import { selectProgram, selectSummary } from '../features/catalog';
import type { RouteHandle } from './page-title';
import { AccountRoute } from './routes/account';
import { HomeRoute } from './routes/home';
import { RootLayout } from './routes/layout';
import { LoginRoute } from './routes/login';
import { NotFoundRoute } from './routes/not-found';
import { ProgramRoute } from './routes/program';

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
        handle: handle((state, params) => selectProgram(state, params.slug ?? '')?.title ?? selectSummary(state, params.slug ?? '')?.title ?? 'Program'),
      },
      {
        path: 'watch/:id',
        // Lazy: the player's code loads only on /watch. The server's static handler resolves it
        // before rendering; the browser resolves matched lazy routes before hydrating (entry-client).
        lazy: async () => ({ Component: (await import('./routes/watch')).WatchRoute }),
        handle: handle(() => 'Player'),
      },
      { path: 'account', Component: AccountRoute, handle: handle(() => 'Your account') },
      { path: 'login', Component: LoginRoute, handle: handle(() => 'Sign in') },
      { path: '*', Component: NotFoundRoute, handle: handle(() => 'Page not found') },
    ],
  },
];
