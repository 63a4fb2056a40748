import type { ReactNode } from 'react';
import { useGetCatalogQuery } from '../catalogApi';
import { selectHasFullCatalog } from '../catalogSlice';
import { useCatalogSelector } from '../hooks';
import { PageDataStatus } from './PageDataStatus';

/**
 * Renders `children` once the whole catalog's summaries are in the store: at once when the
 * page already holds them all, else after loading `/data/catalog.json` (a program page reached
 * by client-side navigation from a page that did not know its slug).
 */
export function CatalogGate({ children }: { readonly children: ReactNode }) {
  const complete = useCatalogSelector(selectHasFullCatalog);
  const query = useGetCatalogQuery({ skip: complete });
  return complete ? children : <PageDataStatus query={query} loading="Loading programs…" />;
}
