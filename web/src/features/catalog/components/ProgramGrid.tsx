import type { ProgramSummary } from '../../../shared/content/program-summary';
import { ProgramCard } from './ProgramCard';

/** A titled row of program cards (a home-page section). */
export function ProgramGrid({ id, title, programs, nowMs }: { readonly id: string; readonly title: string; readonly programs: readonly ProgramSummary[]; readonly nowMs: number }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ul className="program-grid">
        {programs.map((program) => (
          <ProgramCard key={program.slug} program={program} nowMs={nowMs} />
        ))}
      </ul>
    </section>
  );
}
