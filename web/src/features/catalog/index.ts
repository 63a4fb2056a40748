export { catalogFileFor, catalogSlice, catalogStateFor, homeDataFor, listingPagesFor, newlyLaunched, selectHasFullCatalog, selectIsUpcoming, selectProgram, selectSlugStatus, selectSummaries, selectSummary } from './catalogSlice';
export type { CatalogFile, CatalogPageContent, CatalogState, HomeData, ListingPage } from './catalogSlice';
export { CatalogGate } from './components/CatalogGate';
export { FeaturedProgram } from './components/FeaturedProgram';
export { HomeGate } from './components/HomeGate';
export { NewlyLaunched } from './components/NewlyLaunched';
export { ProgramDetail } from './components/ProgramDetail';
export { ProgramList } from './components/ProgramList';
