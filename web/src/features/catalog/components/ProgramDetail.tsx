import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { Program } from '../../../shared/content/schema';
import { useCatalogSelector } from '../hooks';
import { watchPath } from '@stride/contract/urls';
import { formatDuration } from '../../../shared/ui/format';
import { useGetProgramQuery } from '../catalogApi';
import { selectProgram } from '../catalogSlice';

export interface ProgramDetailProps {
  readonly slug: string;
  /** Shown when the page data is not there (404): the program was withdrawn, or is not launched where the edge stands. */
  readonly notFound: ReactNode;
  /** Called when the edge refuses the page data with 451 (not licensed where the viewer is). */
  readonly onUnavailable: () => void;
  /** Per-viewer extras for a workout row (its progress), composed in by the route. */
  readonly renderWorkoutExtra?: (workout: Program['workouts'][number]) => ReactNode;
}

export function ProgramDetail({ slug, notFound, onUnavailable, renderWorkoutExtra }: ProgramDetailProps) {
  const program = useCatalogSelector((state) => selectProgram(state, slug));
  // Prerendered pages carry their program; only client-side navigation fetches page data.
  const { error, refetch } = useGetProgramQuery(slug, { skip: program !== undefined });
  const unavailable = error?.status === 451;
  useEffect(() => {
    if (unavailable) onUnavailable();
  }, [unavailable, onUnavailable]);

  if (!program) {
    if (error?.status === 404) return notFound;
    if (error && !unavailable) {
      return (
        <div role="alert" className="notice">
          <p>This program could not be loaded.</p>
          <button type="button" className="button" onClick={() => void refetch()}>
            Retry
          </button>
        </div>
      );
    }
    return (
      <p aria-busy="true" className="notice">
        Loading program…
      </p>
    );
  }

  const total = program.workouts.reduce((sum, w) => sum + w.durationSec, 0);
  return (
    <article className="program">
      <header className="hero">
        <p className="hero__eyebrow">{program.level} program</p>
        <h1 className="hero__title">{program.title}</h1>
        <p className="hero__tagline">{program.tagline}</p>
        {/* The page's largest contentful paint (issue 17): fetched first, before the app's code. */}
        <img
          className="poster hero__poster"
          src={program.poster.src}
          width={program.poster.width}
          height={program.poster.height}
          alt={program.poster.alt}
          fetchPriority="high"
        />
      </header>
      <dl className="facts">
        <div>
          <dt>Trainer</dt>
          <dd>{program.trainer}</dd>
        </div>
        <div>
          <dt>Level</dt>
          <dd>{program.level}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(total)}</dd>
        </div>
        <div>
          <dt>Equipment</dt>
          <dd>{program.equipment.length > 0 ? program.equipment.join(', ') : 'none'}</dd>
        </div>
      </dl>
      <p className="program__description">{program.description}</p>
      <section aria-labelledby="workouts-title">
        <h2 id="workouts-title">Workouts</h2>
        <ol className="workout-list">
          {program.workouts.map((workout) => (
            <li key={workout.id} className="workout-list__item">
              {/* A document navigation: /watch is protected at the edge, which sends a signed-out
                  viewer to /login?next=… before any player code runs. */}
              <Link to={watchPath(workout.id)} reloadDocument className="workout-list__link">
                {workout.title}
              </Link>
              <span className="workout-list__duration">{formatDuration(workout.durationSec)}</span>
              {renderWorkoutExtra?.(workout)}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
