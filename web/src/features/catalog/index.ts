export {
  catalogSlice,
  catalogStateFor,
  homeDataFor,
  listingPagesFor,
  newlyLaunched,
  selectIsUpcoming,
  selectProgram,
  selectSlugStatus,
  selectSummaries,
  selectSummary,
} from './catalogSlice';
export type { CatalogPageContent, CatalogState } from './catalogSlice';
export type { HomeData, ListingPage } from './catalog-data';
export { FeaturedProgram } from './components/FeaturedProgram';
export { HomeGate } from './components/HomeGate';
export { SummaryGate } from './components/SummaryGate';
export { NewlyLaunched } from './components/NewlyLaunched';
export { ProgramDetail } from './components/ProgramDetail';
export { ProgramList } from './components/ProgramList';
