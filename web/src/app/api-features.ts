import { createAction } from '@reduxjs/toolkit';
import { playerSlice } from '../features/player/state';
import { sessionSlice } from '../features/session/sessionSlice';
import { strideApi } from '../shared/api/strideApi';
import { dynamicMiddleware, rootReducer, type AppStore } from './store';

/** Dispatched once the lazy slices are in: a store only computes an injected slice's state on its next action. */
export const apiFeaturesInstalled = createAction('app/apiFeaturesInstalled');

/**
 * Adds session, player and the `/api` API (reducer and middleware) to the root reducer, for
 * every store made from it. Idempotent: the same reducers and middleware are never added twice.
 */
export function installApiFeatures(stores: Iterable<AppStore> = []): void {
  rootReducer.inject(sessionSlice);
  rootReducer.inject(playerSlice);
  rootReducer.inject(strideApi);
  dynamicMiddleware.addMiddleware(strideApi.middleware);
  for (const store of stores) store.dispatch(apiFeaturesInstalled());
}
