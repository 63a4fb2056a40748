import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { matchRoutes, useLocation, type RouteObject } from 'react-router';
import type { MatchLike } from './page-title';

const RouteTableContext = createContext<readonly RouteObject[]>([]);

/** Gives the layout the route table its page's title is read from (see usePageMatches). */
export function RouteTableProvider({ routes, children }: { readonly routes: readonly RouteObject[]; readonly children: ReactNode }) {
  return <RouteTableContext value={routes}>{children}</RouteTableContext>;
}

/**
 * The routes the current URL matches, outermost first, with their handles: what `useMatches()`
 * gives inside a data router, for the declarative router the browser and the prerender use.
 * Outside a RouteTableProvider (a component test's own route table): none.
 */
export function usePageMatches(): readonly MatchLike[] {
  const routes = useContext(RouteTableContext);
  const { pathname } = useLocation();
  return useMemo(
    () => (matchRoutes([...routes], pathname) ?? []).map(({ route, params }) => ({ handle: route.handle as unknown, params })),
    [routes, pathname],
  );
}
