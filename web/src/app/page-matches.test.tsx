// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { MemoryRouter, Outlet, type RouteObject } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { RouteTableProvider, usePageMatches } from './page-matches';

afterEach(cleanup);

function Matches() {
  const matches = usePageMatches();
  return <pre>{JSON.stringify(matches.map((m) => [m.handle, m.params]))}</pre>;
}

const table: RouteObject[] = [
  {
    path: '/',
    element: <Outlet />,
    handle: 'root',
    children: [
      { index: true, element: <Matches />, handle: 'home' },
      { path: 'programs/:slug', element: <Matches />, handle: 'program' },
    ],
  },
];

const matchesAt = (url: string, provide = true) => {
  const page = (
    <MemoryRouter initialEntries={[url]}>
      <Matches />
    </MemoryRouter>
  );
  const { container } = render(provide ? <RouteTableProvider routes={table}>{page}</RouteTableProvider> : page);
  return JSON.parse(container.textContent ?? '') as unknown;
};

describe('usePageMatches (useMatches for the declarative router)', () => {
  it("gives the routes the URL matches, outermost first, with their handles and the URL's params", () => {
    expect(matchesAt('/programs/hiit-30')).toEqual([
      ['root', { slug: 'hiit-30' }],
      ['program', { slug: 'hiit-30' }],
    ]);
    cleanup();
    expect(matchesAt('/')).toEqual([
      ['root', {}],
      ['home', {}],
    ]);
  });

  it('gives none outside a route table (a component rendered on its own)', () => {
    expect(matchesAt('/programs/hiit-30', false)).toEqual([]);
  });
});
