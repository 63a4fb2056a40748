import { availabilityStateFor, type PageNotice } from '../features/availability';
import { catalogStateFor, type CatalogPageContent } from '../features/catalog';
import { devicePreloadFor, deviceStateFor, type Device } from '../features/device';
import type { Program } from '../shared/content/schema';
import type { PreloadedState } from './store';

/** What of a prerendered page decides its state (entry-server's PageSpec has all of it). */
export interface PageStateInput extends CatalogPageContent {
  readonly path: string;
  readonly notice?: PageNotice;
  readonly device: Device;
}

/**
 * The state one prerendered page starts from and serializes for hydration: the programs it
 * shows, its notice bound to the path it is rendered at, and its device (only TV says so: a web
 * page's state stays as it was before TV variants existed).
 */
export function pageStateFor(page: PageStateInput, catalog: readonly Program[], asOf: string): PreloadedState {
  return {
    catalog: catalogStateFor(catalog, page, asOf),
    availability: availabilityStateFor(page.notice, page.path),
    ...devicePreloadFor(deviceStateFor(page.device)),
  };
}
