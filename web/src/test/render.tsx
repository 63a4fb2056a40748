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

// After each user-event call Testing Library drains pending work with a setTimeout(0), which it
// advances itself under fake timers, but only under Jest's (it looks for a global `jest`). Point
// it at Vitest's, or a click under fake timers waits forever.
Object.assign(globalThis, { jest: { advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms) } });

export interface RenderWithProvidersOptions {
  /** The store's state before the first render (as a prerendered page or an earlier play left it). */
  readonly preloadedState?: Partial<RootState>;
  /** The URL the memory router starts at. */
  readonly route?: string;
  /** The route pattern the element is rendered at; every path by default. */
  readonly path?: string;
}

export interface RenderWithProvidersResult extends RenderResult {
  readonly store: AppStore;
  readonly router: ReturnType<typeof createMemoryRouter>;
  /** user-event, set up for the timers in force when rendering (real, or Vitest's fake ones). */
  readonly user: UserEvent;
}

/**
 * Renders `ui` (an element, rendered at `path`, or a route table such as the app's layout with
 * pages under it) in the app's store and a memory router at `route`.
 */
export function renderWithProviders(
  ui: ReactElement | RouteObject[],
  { preloadedState, route = '/', path = '*' }: RenderWithProvidersOptions = {},
): RenderWithProvidersResult {
  installApiFeatures();
  const store = makeStore(preloadedState);
  const router = createMemoryRouter(Array.isArray(ui) ? ui : [{ path, element: ui }], { initialEntries: [route] });
  // Under fake timers, without user-event's pauses between events: they would wait on a clock the test holds.
  const user = userEvent.setup(vi.isFakeTimers() ? { delay: null } : {});
  const view = render(
    <Provider store={store}>
      <RouterProvider router={router} />
    </Provider>,
  );
  return { ...view, store, router, user };
}
