import type { PageDataQuery } from '../catalogApi';

/** While page data loads: a busy notice, or why it failed with a way to try again. */
export function PageDataStatus({ query, loading }: { readonly query: PageDataQuery; readonly loading: string }) {
  if (query.isError) {
    return (
      <div role="alert" className="notice">
        <p>The programs could not be loaded. Check your connection and try again.</p>
        <button type="button" className="button" onClick={query.refetch}>
          Retry
        </button>
      </div>
    );
  }
  return (
    <p aria-busy="true" className="notice">
      {loading}
    </p>
  );
}
