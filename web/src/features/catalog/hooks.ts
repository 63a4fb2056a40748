import { useSelector } from 'react-redux';
import type { CatalogState } from './catalogSlice';

/**
 * Typed on the part of the root state this feature owns, so the feature never imports the
 * app's store (shared -> features -> app).
 */
export const useCatalogSelector = useSelector.withTypes<{ catalog: CatalogState }>();
