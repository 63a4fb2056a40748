import { selectSummaries } from '../catalogSlice';
import { useCatalogSelector, useListingNow } from '../hooks';
import { ProgramCard } from './ProgramCard';

export function ProgramList() {
  const programs = useCatalogSelector(selectSummaries);
  const now = useListingNow();
  return (
    <section aria-labelledby="all-programs">
      <h2 id="all-programs">All programs</h2>
      <ul className="program-grid">
        {programs.map((program) => (
          <ProgramCard key={program.slug} program={program} nowMs={now} />
        ))}
      </ul>
    </section>
  );
}
