import { useGetContinueWatchingQuery, type ContinueWatchingItem } from '../../../shared/api/progressApi';
import { watchPath } from '@stride/contract/urls';
import { ContinueWatchingFrame, ContinueWatchingLoading } from '../../../shared/ui/ContinueWatchingFrame';
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
 * The signed-in viewer's unfinished workouts, newest first, in one scrolling row. Loaded after
 * hydration (it is per viewer, never in the static HTML) into a slot the page reserved from its
 * first paint, so nothing below it moves when it arrives: empty, failed or loading, the frame
 * keeps its height and says so in words.
 */
export function ContinueWatching() {
  const { data: items, isError, isLoading } = useGetContinueWatchingQuery(undefined);
  if (isLoading) return <ContinueWatchingLoading />;
  if (isError || !items || items.length === 0)
    return (
      <ContinueWatchingFrame>
        <p className="continue-watching__note">
          {isError
            ? 'Your workouts in progress could not be loaded just now.'
            : 'Workouts you start show up here, so you can pick up where you left off.'}
        </p>
      </ContinueWatchingFrame>
    );
  return (
    <ContinueWatchingFrame>
      <ul className="program-grid continue-watching__row">
        {items.map((item) => (
          <ResumeCard key={item.workoutId} item={item} />
        ))}
      </ul>
    </ContinueWatchingFrame>
  );
}
