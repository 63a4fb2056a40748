import { useMemo } from 'react';
import { newlyLaunched, selectSummaries } from '../catalogSlice';
import { useCatalogSelector, useListingNow } from '../hooks';
import { ProgramGrid } from './ProgramGrid';

/** The most recently launched programs; a program launching after the build joins once hydrated. */
export function NewlyLaunched() {
  const summaries = useCatalogSelector(selectSummaries);
  const now = useListingNow();
  const programs = useMemo(() => newlyLaunched(summaries, now), [summaries, now]);
  if (programs.length === 0) return null;
  return <ProgramGrid id="newly-launched" title="Newly launched" programs={programs} nowMs={now} />;
}
