import { programPath } from '@stride/contract/urls';
import { Link } from 'react-router';
import type { ProgramSummary } from '../../../shared/content/program-summary';
import { formatDuration } from '../../../shared/ui/format';
import { isUpcoming } from '../catalogSlice';

const launchDate = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

export function ProgramCard({ program, nowMs }: { readonly program: ProgramSummary; readonly nowMs: number }) {
  return (
    <li className="program-card">
      <img
        className="poster program-card__poster"
        src={program.poster.src}
        width={program.poster.width}
        height={program.poster.height}
        alt={program.poster.alt}
        loading="lazy"
        decoding="async"
      />
      <Link to={programPath(program.slug)} className="program-card__link">
        <span className="program-card__title">{program.title}</span>
      </Link>
      {isUpcoming(program, nowMs) && (
        <p className="program-card__badge">
          Coming <time dateTime={program.launchAt}>{launchDate.format(new Date(program.launchAt))}</time>
        </p>
      )}
      <p className="program-card__tagline">{program.tagline}</p>
      <p className="program-card__meta">
        {program.trainer} · {program.level} · {program.workoutCount} workouts · {formatDuration(program.totalDurationSec)}
      </p>
    </li>
  );
}
