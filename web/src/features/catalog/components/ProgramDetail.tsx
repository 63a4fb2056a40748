import { Link } from 'react-router';
import { useCatalogSelector } from '../hooks';
import { watchPath } from '../../../shared/routing/watch-path';
import { formatDuration } from '../../../shared/ui/format';
import { useGetProgramQuery } from '../catalogApi';
import { selectIsKnownSlug, selectProgram } from '../catalogSlice';

export function ProgramDetail({ slug }: { readonly slug: string }) {
  const program = useCatalogSelector((state) => selectProgram(state, slug));
  const known = useCatalogSelector((state) => selectIsKnownSlug(state, slug));
  // Prerendered pages carry their program; only client-side navigation fetches page data.
  const { isError, refetch } = useGetProgramQuery(slug, { skip: program !== undefined || !known });

  if (!program) {
    if (isError) {
      return (
        <div role="alert" className="notice">
          <p>This program could not be loaded.</p>
          <button type="button" className="button" onClick={() => void refetch()}>
            Retry
          </button>
        </div>
      );
    }
    return <p aria-busy="true" className="notice">Loading program…</p>;
  }

  const total = program.workouts.reduce((sum, w) => sum + w.durationSec, 0);
  return (
    <article className="program">
      <header className="hero">
        <p className="hero__eyebrow">{program.level} program</p>
        <h1 className="hero__title">{program.title}</h1>
        <p className="hero__tagline">{program.tagline}</p>
        <img className="poster hero__poster" src={program.poster.src} width={program.poster.width} height={program.poster.height} alt={program.poster.alt} />
      </header>
      <dl className="facts">
        <div><dt>Trainer</dt><dd>{program.trainer}</dd></div>
        <div><dt>Level</dt><dd>{program.level}</dd></div>
        <div><dt>Duration</dt><dd>{formatDuration(total)}</dd></div>
        <div><dt>Equipment</dt><dd>{program.equipment.length > 0 ? program.equipment.join(', ') : 'none'}</dd></div>
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
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
