import { useState } from 'react';
import { useSelector } from 'react-redux';
import { useHydrated } from '../../shared/ui/use-hydrated';
import type { CatalogState } from './catalogSlice';

/**
 * Typed on the part of the root state this feature owns, so the feature never imports the
 * app's store (shared -> features -> app).
 */
export const useCatalogSelector = useSelector.withTypes<{ catalog: CatalogState }>();

/**
 * The instant a listing is shown as of: the prerender's instant until hydration (so the first
 * client render matches the static HTML), then the viewer's clock, fixed for the life of the view.
 */
export function useListingNow(): number {
  const asOf = useCatalogSelector((state) => state.catalog.asOf);
  const hydrated = useHydrated();
  const [now] = useState(Date.now);
  return hydrated || asOf === null ? now : Date.parse(asOf);
}
