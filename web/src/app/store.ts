import { combineSlices, configureStore, createDynamicMiddleware, type WithSlice } from '@reduxjs/toolkit';
import { availabilitySlice } from '../features/availability';
import { catalogSlice } from '../features/catalog';
import { deviceSlice } from '../features/device';
import type { playerSlice } from '../features/player/state';
import type { sessionSlice } from '../features/session';
import type { strideApi } from '../shared/api/strideApi';

/**
 * Slices every page needs from the first render. Session, player and the `/api` RTK Query API
 * (and RTK Query itself) are injected by api-features.ts when a route that uses them loads
 * (login, account, watch): program pages never download them.
 */
export type LazyLoadedSlices = WithSlice<typeof sessionSlice> & WithSlice<typeof playerSlice> & WithSlice<typeof strideApi>;

export const rootReducer = combineSlices(catalogSlice, availabilitySlice, deviceSlice).withLazyLoadedSlices<LazyLoadedSlices>();

/** Where the lazily loaded features add their middleware (the `/api` API's). */
export const dynamicMiddleware = createDynamicMiddleware();

export type RootState = ReturnType<typeof rootReducer>;

/**
 * The part of the state a prerendered page serializes into its HTML. Session and player state
 * are per-viewer: never serialized, they start empty and load after hydration. `device` is
 * there only on TV pages (absent means web).
 */
export type PreloadedState = Pick<RootState, 'catalog'> & Partial<Pick<RootState, 'availability' | 'device'>>;

/** One store per rendered page (prerender) and one per browser tab (hydration). */
export function makeStore(preloadedState?: Partial<RootState>) {
  return configureStore({
    reducer: rootReducer,
    preloadedState,
    middleware: (getDefaultMiddleware) => getDefaultMiddleware().concat(dynamicMiddleware.middleware),
  });
}

export type AppStore = ReturnType<typeof makeStore>;
export type AppDispatch = AppStore['dispatch'];
