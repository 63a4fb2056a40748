import { selectSummaries } from '../catalogSlice';
import { useCatalogSelector, useListingNow } from '../hooks';
import { ProgramGrid } from './ProgramGrid';

export function ProgramList() {
  const programs = useCatalogSelector(selectSummaries);
  const now = useListingNow();
  return <ProgramGrid id="all-programs" title="All programs" programs={programs} nowMs={now} />;
}
