export { catalogSlice, catalogStateFor, homeDataFor, listingPagesFor, newlyLaunched, selectIsUpcoming, selectProgram, selectSlugStatus, selectSummaries, selectSummary } from './catalogSlice';
export type { CatalogPageContent, CatalogState, HomeData, ListingPage } from './catalogSlice';
export { FeaturedProgram } from './components/FeaturedProgram';
export { HomeGate } from './components/HomeGate';
export { SummaryGate } from './components/SummaryGate';
export { NewlyLaunched } from './components/NewlyLaunched';
export { ProgramDetail } from './components/ProgramDetail';
export { ProgramList } from './components/ProgramList';
