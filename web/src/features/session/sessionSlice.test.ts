import { configureStore, type UnknownAction } from '@reduxjs/toolkit';
import { describe, expect, it } from 'vitest';
import { apiUnauthorized } from '../../shared/api/auth-events';
import { strideApi } from '../../shared/api/strideApi';
import { sessionApi, type SessionUser } from './sessionApi';
import { selectIsEntitled, selectIsSignedIn, selectSessionStatus, selectSignedOutReason, selectUser, sessionSlice } from './sessionSlice';

const demo: SessionUser = { id: 'u-1', email: 'demo@stride.test', name: 'Demo', subscription: { status: 'active' } };
const free: SessionUser = { id: 'u-2', email: 'free@stride.test', name: 'Free', subscription: { status: 'none' } };

const makeStore = () =>
  configureStore({
    reducer: { session: sessionSlice.reducer, [strideApi.reducerPath]: strideApi.reducer },
    middleware: (gdm) => gdm().concat(strideApi.middleware),
  });

/** The action RTK Query dispatches when an endpoint's request succeeds. */
const fulfilled = (endpointName: string, type: 'query' | 'mutation', payload: unknown): UnknownAction => ({
  type: `strideApi/${type === 'query' ? 'executeQuery' : 'executeMutation'}/fulfilled`,
  payload,
  meta: {
    arg: { endpointName, originalArgs: undefined, type },
    requestStatus: 'fulfilled',
    requestId: `r-${endpointName}`,
    fulfilledTimeStamp: 1,
    baseQueryMeta: {},
  },
});

describe('session slice', () => {
  it('starts unknown: a prerendered page does not know its viewer', () => {
    const state = makeStore().getState();
    expect(selectSessionStatus(state)).toBe('unknown');
    expect(selectUser(state)).toBeNull();
    expect(selectIsSignedIn(state)).toBe(false);
    expect(selectIsEntitled(state)).toBe(false);
  });

  it('signs in from /api/me and knows the entitlement', () => {
    const store = makeStore();
    store.dispatch(fulfilled(sessionApi.endpoints.getMe.name, 'query', demo));
    expect(selectSessionStatus(store.getState())).toBe('signed-in');
    expect(selectUser(store.getState())).toEqual(demo);
    expect(selectIsEntitled(store.getState())).toBe(true);
  });

  it('a signed-in viewer without a subscription is not entitled', () => {
    const store = makeStore();
    store.dispatch(fulfilled(sessionApi.endpoints.login.name, 'mutation', free));
    expect(selectIsSignedIn(store.getState())).toBe(true);
    expect(selectIsEntitled(store.getState())).toBe(false);
  });

  it('a 401 after signing in means the session expired', () => {
    const store = makeStore();
    store.dispatch(fulfilled(sessionApi.endpoints.getMe.name, 'query', demo));
    store.dispatch(apiUnauthorized({ endpoint: 'getPlayback' }));
    expect(selectSessionStatus(store.getState())).toBe('signed-out');
    expect(selectUser(store.getState())).toBeNull();
    expect(selectSignedOutReason(store.getState())).toBe('expired');
  });

  it('a /api/me answer of { user: null } means signed out', () => {
    const store = makeStore();
    store.dispatch(fulfilled(sessionApi.endpoints.getMe.name, 'query', null));
    expect(selectSessionStatus(store.getState())).toBe('signed-out');
    expect(selectUser(store.getState())).toBeNull();
  });

  it('a 401 for an unknown viewer is just signed out, not expired', () => {
    const store = makeStore();
    store.dispatch(apiUnauthorized({ endpoint: 'getMe' }));
    expect(selectSessionStatus(store.getState())).toBe('signed-out');
    expect(selectSignedOutReason(store.getState())).toBeNull();
  });

  it('signing out clears the user and says why', () => {
    const store = makeStore();
    store.dispatch(fulfilled(sessionApi.endpoints.login.name, 'mutation', demo));
    store.dispatch(fulfilled(sessionApi.endpoints.logout.name, 'mutation', undefined));
    expect(selectSessionStatus(store.getState())).toBe('signed-out');
    expect(selectUser(store.getState())).toBeNull();
    expect(selectSignedOutReason(store.getState())).toBe('signed-out');
  });

  it('ignores actions of other features', () => {
    const store = makeStore();
    store.dispatch({ type: 'player/playbackRequested', payload: { workoutId: 'w-1' } });
    expect(selectSessionStatus(store.getState())).toBe('unknown');
  });
});
