import { useEffect, useRef } from 'react';
import { useLoadMoreListing } from '../catalogApi';
import { selectListedPrograms, selectListingRemaining, selectNextListingPage } from '../catalogSlice';
import { useCatalogSelector, useListingNow } from '../hooks';
import { ProgramGrid } from './ProgramGrid';

// Fixed locale: the prerendered count and the hydrated one must read the same.
const count = new Intl.NumberFormat('en-US');

/**
 * "All programs": the first page comes with the home page, and "Show more programs" loads the
 * next, so the page stays small however large the catalog grows.
 */
export function ProgramList() {
  const programs = useCatalogSelector(selectListedPrograms);
  const remaining = useCatalogSelector(selectListingRemaining);
  const nextPage = useCatalogSelector(selectNextListingPage);
  const now = useListingNow();
  const more = useLoadMoreListing(nextPage);
  const listRef = useRef<HTMLUListElement>(null);
  // Where the viewer asked for more: focus moves to the first program that arrives, so a
  // keyboard or remote user carries on from there instead of from the top of the page.
  const focusFrom = useRef<number | null>(null);

  useEffect(() => {
    const from = focusFrom.current;
    if (from === null || programs.length <= from) return;
    focusFrom.current = null;
    listRef.current?.querySelectorAll<HTMLAnchorElement>('.program-card__link')[from]?.focus();
  }, [programs.length]);

  const showMore = () => {
    if (more.loading) return;
    focusFrom.current = programs.length;
    more.loadMore();
  };

  return (
    <ProgramGrid id="all-programs" title="All programs" programs={programs} nowMs={now} listRef={listRef}>
      {remaining > 0 && (
        <div className="listing-more">
          <p className="listing-more__count" aria-live="polite">
            Showing {count.format(programs.length)} of {count.format(programs.length + remaining)} programs
          </p>
          {/* aria-disabled, not disabled: a disabled button would drop the viewer's focus while loading. */}
          <button type="button" className="button button--secondary" aria-disabled={more.loading} onClick={showMore}>
            {more.loading ? 'Loading…' : 'Show more programs'}
          </button>
          {more.error && (
            <p role="alert" className="notice-inline">
              More programs could not be loaded. Check your connection and try again.
            </p>
          )}
        </div>
      )}
    </ProgramGrid>
  );
}
