import type { ReactNode } from 'react';
import { useGetCatalogQuery } from '../catalogApi';
import { selectHasFullCatalog } from '../catalogSlice';
import { useCatalogSelector } from '../hooks';

/**
 * Renders `children` once the whole catalog's summaries are in the store: at once on a page
 * prerendered with them, else after loading `/data/catalog.json` (client-side navigation from a
 * page that carried only its own program).
 */
export function CatalogGate({ children }: { readonly children: ReactNode }) {
  const complete = useCatalogSelector(selectHasFullCatalog);
  const { isError, refetch } = useGetCatalogQuery({ skip: complete });
  if (complete) return children;
  if (isError) {
    return (
      <div role="alert" className="notice">
        <p>The programs could not be loaded. Check your connection and try again.</p>
        <button type="button" className="button" onClick={refetch}>
          Retry
        </button>
      </div>
    );
  }
  return (
    <p aria-busy="true" className="notice">
      Loading programs…
    </p>
  );
}
