export { catalogFileFor, catalogSlice, catalogStateFor, newlyLaunched, selectHasFullCatalog, selectIsUpcoming, selectProgram, selectSlugStatus, selectSummaries, selectSummary } from './catalogSlice';
export type { CatalogFile, CatalogPageContent, CatalogState } from './catalogSlice';
export { CatalogGate } from './components/CatalogGate';
export { FeaturedProgram } from './components/FeaturedProgram';
export { NewlyLaunched } from './components/NewlyLaunched';
export { ProgramDetail } from './components/ProgramDetail';
export { ProgramList } from './components/ProgramList';
