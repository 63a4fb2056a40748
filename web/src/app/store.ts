import { combineSlices, configureStore } from '@reduxjs/toolkit';
import { availabilitySlice } from '../features/availability';
import { catalogSlice } from '../features/catalog';
import { playerSlice } from '../features/player/state';
import { sessionSlice } from '../features/session';
import { contentApi } from '../shared/api/contentApi';
import { strideApi } from '../shared/api/strideApi';

const rootReducer = combineSlices(catalogSlice, availabilitySlice, contentApi, sessionSlice, playerSlice, strideApi);

export type RootState = ReturnType<typeof rootReducer>;

/**
 * The part of the state a prerendered page serializes into its HTML. Session and player state
 * are per-viewer: never serialized, they start empty and load after hydration.
 */
export type PreloadedState = Pick<RootState, 'catalog'> & Partial<Pick<RootState, 'availability'>>;

/** One store per rendered page (prerender) and one per browser tab (hydration). */
export function makeStore(preloadedState?: Partial<RootState>) {
  return configureStore({
    reducer: rootReducer,
    preloadedState,
    middleware: (getDefaultMiddleware) => getDefaultMiddleware().concat(contentApi.middleware, strideApi.middleware),
  });
}

export type AppStore = ReturnType<typeof makeStore>;
export type AppDispatch = AppStore['dispatch'];
