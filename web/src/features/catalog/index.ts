export { catalogSlice, catalogStateFor, selectProgram, selectIsKnownSlug, selectSummaries, selectSummary, selectIsUpcoming } from './catalogSlice';
export type { CatalogState } from './catalogSlice';
export { FeaturedProgram } from './components/FeaturedProgram';
export { ProgramDetail } from './components/ProgramDetail';
export { ProgramList } from './components/ProgramList';
