import { useParams } from 'react-router';
import { ProgramDetail, selectIsKnownSlug } from '../../features/catalog';
import { useAppSelector } from '../hooks';
import { NotFoundRoute } from './not-found';

export function ProgramRoute() {
  const slug = useParams().slug ?? '';
  const known = useAppSelector((state) => selectIsKnownSlug(state, slug));
  return known ? <ProgramDetail slug={slug} /> : <NotFoundRoute />;
}
