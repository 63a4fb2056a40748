import { useGetContinueWatchingQuery, type ContinueWatchingItem } from '../../../shared/api/progressApi';
import { watchPath } from '@stride/contract/urls';
import { formatDuration } from '../../../shared/ui/format';
import { ProgressBar } from './ProgressBar';

function ResumeCard({ item }: { readonly item: ContinueWatchingItem }) {
  const left = Math.max(0, item.durationSec - item.positionSec);
  return (
    <li className="program-card resume-card">
      <img
        className="poster program-card__poster"
        src={item.poster.src}
        width={item.poster.width}
        height={item.poster.height}
        alt=""
        loading="lazy"
        decoding="async"
      />
      {/* A document navigation, as every link to /watch: the edge checks the session first. */}
      <a href={watchPath(item.workoutId)} className="program-card__link">
        <span className="program-card__title">{item.workoutTitle}</span>
      </a>
      <p className="program-card__meta">
        {item.programTitle} · {formatDuration(left)} left
      </p>
      <ProgressBar positionSec={item.positionSec} durationSec={item.durationSec} label={`${item.workoutTitle}: watched`} />
    </li>
  );
}

/**
 * The signed-in viewer's unfinished workouts, newest first. Loaded after hydration (it is per
 * viewer, never in the static HTML); shows nothing while loading, when empty or on error, so a
 * home page never waits on it.
 */
export function ContinueWatching() {
  const { data: items } = useGetContinueWatchingQuery(undefined);
  if (!items || items.length === 0) return null;
  return (
    <section aria-labelledby="continue-watching">
      <h2 id="continue-watching">Continue watching</h2>
      <ul className="program-grid">
        {items.map((item) => (
          <ResumeCard key={item.workoutId} item={item} />
        ))}
      </ul>
    </section>
  );
}
