import type { ReactNode } from 'react';
import { useGetHomeQuery } from '../catalogApi';
import { selectHasListing } from '../catalogSlice';
import { useCatalogSelector } from '../hooks';
import { PageDataStatus } from './PageDataStatus';

/**
 * Renders the home page's `children` once its programs are in the store: at once on the
 * prerendered home page, else after loading `/data/home.json` (home reached by client-side
 * navigation from a page that carried only its own program).
 */
export function HomeGate({ children }: { readonly children: ReactNode }) {
  const ready = useCatalogSelector(selectHasListing);
  const query = useGetHomeQuery({ skip: ready });
  return ready ? children : <PageDataStatus query={query} loading="Loading programs…" />;
}
