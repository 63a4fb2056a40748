import { bindToLocation } from '../../../src/features/availability';
import { pageStateFor } from '../../../src/app/page-state';
import type { PreloadedState } from '../../../src/app/store';
import type { PageSpec } from '../../../src/entry-server';
import type { Program } from '../../../src/shared/content/schema';

/**
 * The framework-mode app prerenders one file per URL, while pagesFor puts several pages at one
 * path, told apart by object key:
 * - the TV twin (tv/…) of every page is at the same path: the app is built once per device
 *   (harness.ts), so TV pages render at their real paths and components that read the location
 *   see what they see in the build;
 * - a program's coming-soon variant gets its own URL, /programs/<slug>/coming-soon, which lands
 *   on the build's object key (programs/<slug>/coming-soon/index.html) and has a route in
 *   app/routes.ts.
 */
export function frameworkUrlOf(page: PageSpec): string {
  return page.role === 'coming-soon' ? `${page.path}/coming-soon` : page.path;
}

export interface FrameworkPage {
  readonly url: string;
  readonly spec: PageSpec;
}

/** Every page of one build (one device) at its framework URL; fails if two would land on one URL (one would be lost). */
export function frameworkPages(pages: readonly PageSpec[]): FrameworkPage[] {
  const seen = new Map<string, PageSpec>();
  return pages.map((spec) => {
    const url = frameworkUrlOf(spec);
    const other = seen.get(url);
    if (other)
      throw new Error(
        `framework-mode: pages ${other.objectKey} and ${spec.objectKey} both map to ${url}; give the second a URL in page-state.ts and a route in app/routes.ts`,
      );
    seen.set(url, spec);
    return { url, spec };
  });
}

/**
 * A page's preloaded state, as the build's renderPage makes it (the same pageStateFor), with the
 * notice bound to the URL the page is rendered at, as entry-client binds it to window.location.
 */
export function preloadedStateFor(page: FrameworkPage, catalog: readonly Program[], asOf: string): PreloadedState {
  const state = pageStateFor(page.spec, catalog, asOf);
  return { ...state, availability: bindToLocation(state.availability, page.url) };
}
