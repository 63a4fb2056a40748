import { useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { ComingSoon, selectNoticeFor } from '../../features/availability';
import { ProgramDetail, selectIsKnownSlug, selectIsUpcoming, selectSummary } from '../../features/catalog';
import { useAppSelector } from '../hooks';
import { NotFoundRoute } from './not-found';

export function ProgramRoute() {
  const slug = useParams().slug ?? '';
  const { pathname } = useLocation();
  // Fixed for the life of the view, so a render never flips on its own.
  const [now] = useState(Date.now);
  const known = useAppSelector((state) => selectIsKnownSlug(state, slug));
  const summary = useAppSelector((state) => selectSummary(state, slug));
  const notice = useAppSelector((state) => selectNoticeFor(state, pathname));
  const upcoming = useAppSelector((state) => selectIsUpcoming(state, slug, now));
  if (!known) return <NotFoundRoute />;
  // Before launch the edge serves this page's coming-soon object; it must hydrate as one.
  if ((notice === 'coming-soon' || upcoming) && summary) return <ComingSoon program={summary} />;
  return <ProgramDetail slug={slug} />;
}
