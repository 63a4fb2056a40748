import { cleanup, render, type RenderResult } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { Provider } from 'react-redux';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { afterEach, vi } from 'vitest';
import { installApiFeatures } from '../app/api-features';
import { makeStore, type AppStore, type RootState } from '../app/store';

/*
 * The DOM test harness: the app's own store (makeStore, with the lazily loaded session, player
 * and /api features installed as the /watch, /login and /account routes install them) and a
 * memory router around the element under test. For test files that run in a DOM: start them
 * with the docblock `// @vitest-environment happy-dom`.
 */

afterEach(cleanup);

export interface RenderWithProvidersOptions {
  /** The store's state before the first render (as a prerendered page or an earlier play left it). */
  readonly preloadedState?: Partial<RootState>;
  /** The URL the memory router starts at. */
  readonly route?: string;
  /** The route pattern the element is rendered at; every path by default. */
  readonly path?: string;
  /** Routes beside it, where a link or Back leads. */
  readonly routes?: readonly RouteObject[];
}

export interface RenderWithProvidersResult extends RenderResult {
  readonly store: AppStore;
  readonly router: ReturnType<typeof createMemoryRouter>;
  /** user-event, set up to advance Vitest's fake timers when they are on. */
  readonly user: UserEvent;
}

export function renderWithProviders(ui: ReactElement, { preloadedState, route = '/', path = '*', routes = [] }: RenderWithProvidersOptions = {}): RenderWithProvidersResult {
  installApiFeatures();
  const store = makeStore(preloadedState);
  const router = createMemoryRouter([{ path, element: ui }, ...routes], { initialEntries: [route] });
  const user = userEvent.setup({
    advanceTimers: (ms) => {
      if (vi.isFakeTimers()) vi.advanceTimersByTime(ms);
    },
  });
  const view = render(
    <Provider store={store}>
      <RouterProvider router={router} />
    </Provider>,
  );
  return { ...view, store, router, user };
}
