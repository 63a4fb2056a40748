import { useGetProgramProgressQuery } from '../../../shared/api/progressApi';
import { formatDuration } from '../../../shared/ui/format';
import { ProgressBar } from './ProgressBar';

/**
 * One workout row's progress on a program page: "Watched", or the time left and a bar. Every row
 * reads the same cached `GET /api/progress?program=<slug>` answer (one request per page).
 */
export function WorkoutProgress({
  programSlug,
  workoutId,
  title,
}: {
  readonly programSlug: string;
  readonly workoutId: string;
  readonly title: string;
}) {
  const { item } = useGetProgramProgressQuery(programSlug, {
    selectFromResult: ({ data }) => ({ item: data?.find((i) => i.workoutId === workoutId) }),
  });
  if (!item) return null;
  if (item.finished) return <span className="workout-progress workout-progress--done">Watched</span>;
  return (
    <span className="workout-progress">
      {formatDuration(Math.max(0, item.durationSec - item.positionSec))} left
      <ProgressBar positionSec={item.positionSec} durationSec={item.durationSec} label={`${title}: watched`} />
    </span>
  );
}
