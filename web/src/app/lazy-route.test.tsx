// @vitest-environment happy-dom
import { act, useState } from 'react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { Link, Outlet, StaticRouter, MemoryRouter, useRoutes, type RouteObject } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lazyRoute, markHydrated } from './lazy-route';

// React's act() environment: updates and Suspense retries flush inside act().
Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

/** A lazy route whose code arrives when the test says so. */
function deferredRoute() {
  let deliver: () => void = () => undefined;
  const imported = vi.fn(
    () =>
      new Promise<{ Account: () => React.JSX.Element }>((resolve) => {
        deliver = () => resolve({ Account });
      }),
  );
  function Account() {
    const [clicks, setClicks] = useState(0);
    return (
      <section>
        <h1>Your account</h1>
        <button type="button" onClick={() => setClicks((n) => n + 1)}>
          Account clicks: {clicks}
        </button>
      </section>
    );
  }
  const route = lazyRoute(imported, (m) => m.Account);
  return { route, imported, deliver: () => act(async () => deliver()) };
}

function Layout() {
  const [clicks, setClicks] = useState(0);
  return (
    <>
      <header>
        <button type="button" onClick={() => setClicks((n) => n + 1)}>
          Header clicks: {clicks}
        </button>
        <Link to="/account">Account</Link>
      </header>
      <main>
        <Outlet />
      </main>
    </>
  );
}

const tableWith = (Component: React.ComponentType): RouteObject[] => [
  {
    path: '/',
    Component: Layout,
    children: [
      { index: true, element: <h1>Home</h1> },
      { path: 'account', Component },
    ],
  },
];

function Routes({ table }: { readonly table: RouteObject[] }) {
  return useRoutes(table);
}

const button = (name: RegExp) => [...document.querySelectorAll('button')].find((b) => name.test(b.textContent ?? ''));

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = '';
});

// In this order: the page's first render (hydration) comes before markHydrated, as in the browser.
describe('a lazy route', () => {
  it('prerenders its content, once loaded, inside a Suspense boundary', async () => {
    const { route, deliver } = deferredRoute();
    const loading = route.load();
    await deliver();
    await loading;
    const html = renderToString(
      <StaticRouter location="/account">
        <Routes table={tableWith(route.Component)} />
      </StaticRouter>,
    );
    expect(html).toContain('<main><!--$--><section><h1>Your account</h1>');
    expect(html).toContain('<!--/$--></main>');
  });

  it('hydrates the rest of the page without its code, then its own HTML when the code arrives, with no mismatch', async () => {
    const server = deferredRoute();
    const loading = server.route.load();
    await server.deliver();
    await loading;
    const html = renderToString(
      <StaticRouter location="/account">
        <Routes table={tableWith(server.route.Component)} />
      </StaticRouter>,
    );

    // The browser: the same route, its code not loaded yet.
    const browser = deferredRoute();
    const container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);
    const heading = container.querySelector('h1');
    const recoverableErrors: unknown[] = [];
    await act(async () => {
      root = hydrateRoot(
        container,
        <MemoryRouter initialEntries={['/account']}>
          <Routes table={tableWith(browser.route.Component)} />
        </MemoryRouter>,
        { onRecoverableError: (error) => recoverableErrors.push(error) },
      );
    });

    // The header is interactive; the route's server HTML is still there, as it was.
    await act(async () => button(/Header clicks/)?.click());
    expect(button(/Header clicks/)?.textContent).toBe('Header clicks: 1');
    expect(container.querySelector('h1')).toBe(heading);
    await act(async () => button(/Account clicks/)?.click());
    expect(button(/Account clicks/)?.textContent).toBe('Account clicks: 0');
    expect(browser.imported).toHaveBeenCalledTimes(1);

    await browser.deliver();
    // Hydrated in place: the same element, now interactive.
    expect(container.querySelector('h1')).toBe(heading);
    await act(async () => button(/Account clicks/)?.click());
    expect(button(/Account clicks/)?.textContent).toBe('Account clicks: 1');
    expect(recoverableErrors).toEqual([]);
  });

  it('reached by a navigation after hydration, keeps the previous page until its code is in', async () => {
    markHydrated();
    const { route, deliver, imported } = deferredRoute();
    const container = document.createElement('div');
    document.body.append(container);
    const { createRoot } = await import('react-dom/client');
    root = createRoot(container);
    await act(async () =>
      root?.render(
        <MemoryRouter initialEntries={['/']}>
          <Routes table={tableWith(route.Component)} />
        </MemoryRouter>,
      ),
    );
    expect(container.querySelector('h1')?.textContent).toBe('Home');

    await act(async () => container.querySelector('a')?.click());
    expect(imported).toHaveBeenCalledTimes(1);
    expect(container.querySelector('h1')?.textContent).toBe('Home');

    await deliver();
    expect(container.querySelector('h1')?.textContent).toBe('Your account');
  });

  it('asks for its code again after a failed load', async () => {
    const imported = vi
      .fn()
      .mockRejectedValueOnce(new Error('chunk failed'))
      .mockResolvedValueOnce({ Account: () => <p>ok</p> });
    const route = lazyRoute(imported as () => Promise<{ Account: () => React.JSX.Element }>, (m) => m.Account);
    await expect(route.load()).rejects.toThrow('chunk failed');
    expect(route.loaded()).toBeUndefined();
    await expect(route.load()).resolves.toHaveProperty('Account');
    expect(route.loaded()).toHaveProperty('Account');
    expect(imported).toHaveBeenCalledTimes(2);
  });

  it('whose code does not load, even asked twice, says so with a Reload button instead of an empty page', async () => {
    markHydrated();
    const imported = vi.fn(() => Promise.reject(new Error('chunk failed')));
    const route = lazyRoute(imported as () => Promise<{ Account: () => React.JSX.Element }>, (m) => m.Account);
    const container = document.createElement('div');
    document.body.append(container);
    const { createRoot } = await import('react-dom/client');
    root = createRoot(container, { onCaughtError: () => undefined });
    await act(async () =>
      root?.render(
        <MemoryRouter initialEntries={['/']}>
          <Routes table={tableWith(route.Component)} />
        </MemoryRouter>,
      ),
    );
    await act(async () => container.querySelector('a')?.click());
    const alert = container.querySelector('[role="alert"]');
    expect(alert?.querySelector('h1')?.textContent).toBe('This page did not load');
    expect(button(/^Reload$/)).toBeDefined();
    // The rest of the page stays: the header still works.
    await act(async () => button(/Header clicks/)?.click());
    expect(button(/Header clicks/)?.textContent).toBe('Header clicks: 1');
    expect(imported.mock.calls.length).toBeGreaterThanOrEqual(2);
  });
});
