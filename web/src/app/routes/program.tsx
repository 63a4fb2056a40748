import { useCallback, useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { ComingSoon, noticeShown, selectNoticeFor } from '../../features/availability';
import { ProgramDetail, selectIsUpcoming, selectSlugStatus, selectSummary, SummaryGate } from '../../features/catalog';
import { useAppDispatch, useAppSelector } from '../hooks';
import { WorkoutProgressForViewer } from '../progress-features';
import { NotFoundRoute } from './not-found';

export function ProgramRoute() {
  const slug = useParams().slug ?? '';
  const { pathname } = useLocation();
  const dispatch = useAppDispatch();
  // Fixed for the life of the view, so a render never flips on its own.
  const [now] = useState(Date.now);
  const status = useAppSelector((state) => selectSlugStatus(state, slug));
  const summary = useAppSelector((state) => selectSummary(state, slug));
  const notice = useAppSelector((state) => selectNoticeFor(state, pathname));
  const upcoming = useAppSelector((state) => selectIsUpcoming(state, slug, now));
  const onUnavailable = useCallback(() => dispatch(noticeShown({ notice: 'unavailable', path: pathname })), [dispatch, pathname]);

  if (status === 'unknown') return <NotFoundRoute />;
  // A page that did not carry this program: learn whether the slug exists (and when it launches).
  if (status === 'undetermined') return <SummaryGate slug={slug} notFound={<NotFoundRoute />} />;
  // Before launch the edge serves this page's coming-soon object; it must hydrate as one.
  if ((notice === 'coming-soon' || upcoming) && summary) return <ComingSoon program={summary} />;
  return (
    <ProgramDetail
      slug={slug}
      notFound={<NotFoundRoute />}
      onUnavailable={onUnavailable}
      renderWorkoutExtra={(workout) => <WorkoutProgressForViewer programSlug={slug} workoutId={workout.id} title={workout.title} />}
    />
  );
}
