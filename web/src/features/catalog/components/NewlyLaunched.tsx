import { useMemo } from 'react';
import { newlyLaunched, selectSummaries } from '../catalogSlice';
import { useCatalogSelector, useListingNow } from '../hooks';
import { ProgramCard } from './ProgramCard';

/** The most recently launched programs; a program launching after the build joins once hydrated. */
export function NewlyLaunched() {
  const summaries = useCatalogSelector(selectSummaries);
  const now = useListingNow();
  const programs = useMemo(() => newlyLaunched(summaries, now), [summaries, now]);
  if (programs.length === 0) return null;
  return (
    <section aria-labelledby="newly-launched">
      <h2 id="newly-launched">Newly launched</h2>
      <ul className="program-grid">
        {programs.map((program) => (
          <ProgramCard key={program.slug} program={program} nowMs={now} />
        ))}
      </ul>
    </section>
  );
}
