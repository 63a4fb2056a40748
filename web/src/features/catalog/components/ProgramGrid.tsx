import type { ReactNode, Ref } from 'react';
import type { ProgramSummary } from '../../../shared/content/program-summary';
import { ProgramCard } from './ProgramCard';

export interface ProgramGridProps {
  readonly id: string;
  readonly title: string;
  readonly programs: readonly ProgramSummary[];
  readonly nowMs: number;
  readonly listRef?: Ref<HTMLUListElement>;
  /** Shown under the cards, inside the section (the listing's "Show more"). */
  readonly children?: ReactNode;
}

/** A titled row of program cards (a home-page section). */
export function ProgramGrid({ id, title, programs, nowMs, listRef, children }: ProgramGridProps) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ul className="program-grid" ref={listRef}>
        {programs.map((program) => (
          <ProgramCard key={program.slug} program={program} nowMs={nowMs} />
        ))}
      </ul>
      {children}
    </section>
  );
}
