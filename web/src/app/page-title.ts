import type { RootState } from './store';

/** A route's `handle`: how the page names itself in `<title>` (prerender) and `document.title` (client). */
export interface RouteHandle {
  readonly title: (state: RootState, params: Readonly<Record<string, string | undefined>>) => string;
}

export const SITE_NAME = 'Stride';
export const UNAVAILABLE_TITLE = `Not available in your country · ${SITE_NAME}`;

export function isRouteHandle(handle: unknown): handle is RouteHandle {
  return typeof handle === 'object' && handle !== null && typeof (handle as { title?: unknown }).title === 'function';
}

export interface MatchLike {
  readonly handle?: unknown;
  readonly params: Readonly<Record<string, string | undefined>>;
}

/** The deepest matched route that names the page wins. */
export function pageTitle(matches: readonly MatchLike[], state: RootState): string {
  for (let i = matches.length - 1; i >= 0; i -= 1) {
    const match = matches[i];
    if (match && isRouteHandle(match.handle)) {
      const title = match.handle.title(state, match.params);
      return title === SITE_NAME ? title : `${title} · ${SITE_NAME}`;
    }
  }
  return SITE_NAME;
}
