import { combineSlices, configureStore } from '@reduxjs/toolkit';
import { catalogSlice } from '../features/catalog';
import { contentApi } from '../shared/api/contentApi';

const rootReducer = combineSlices(catalogSlice, contentApi);

export type RootState = ReturnType<typeof rootReducer>;

/** The part of the state a prerendered page serializes into its HTML. */
export type PreloadedState = Pick<RootState, 'catalog'>;

/** One store per rendered page (prerender) and one per browser tab (hydration). */
export function makeStore(preloadedState?: Partial<RootState>) {
  return configureStore({
    reducer: rootReducer,
    preloadedState,
    middleware: (getDefaultMiddleware) => getDefaultMiddleware().concat(contentApi.middleware),
  });
}

export type AppStore = ReturnType<typeof makeStore>;
export type AppDispatch = AppStore['dispatch'];
