import type { RouteObject } from 'react-router';
import { routes } from '../../../../src/app/route-table';

/**
 * A route's `handle` (how it titles the page) taken from the real route table, so both paths
 * title pages with the same functions. `path` as in the table ('programs/:slug', '*'); undefined
 * for the index route.
 */
export function handleOf(path: string | undefined): unknown {
  const children: RouteObject[] = routes[0]?.children ?? [];
  const match = children.find((r) => (path === undefined ? r.index === true : r.path === path));
  if (!match) throw new Error(`framework-mode: route-table.tsx has no route ${path ?? '(index)'}`);
  return match.handle;
}
