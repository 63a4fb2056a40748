import type { RouteObject } from 'react-router';
import { selectProgram } from '../features/catalog';
import type { RouteHandle } from './page-title';
import { HomeRoute } from './routes/home';
import { RootLayout } from './routes/layout';
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
        handle: handle((state, params) => selectProgram(state, params.slug ?? '')?.title ?? 'Program'),
      },
      { path: '*', Component: NotFoundRoute, handle: handle(() => 'Page not found') },
    ],
  },
];
