import { describe, expect, it } from 'vitest';
import { initialPlayerState } from '../features/player/state';
import { initialSessionState } from '../features/session/sessionSlice';
import { strideApi } from '../shared/api/strideApi';
import { installApiFeatures } from './api-features';
import { makeStore } from './store';

describe('installApiFeatures', () => {
  it('adds session, player and the /api API to a store made before it, and to every store made after', () => {
    const before = makeStore();
    expect(Object.keys(before.getState()).sort()).toEqual(['availability', 'catalog', 'device']);

    installApiFeatures([before]);
    const state = before.getState();
    expect(state.session).toEqual(initialSessionState);
    expect(state.player).toEqual(initialPlayerState);
    expect(state[strideApi.reducerPath]).toBeDefined();

    // Idempotent: a second install changes nothing, and later stores start with the slices.
    installApiFeatures([before]);
    expect(before.getState().session).toEqual(initialSessionState);
    expect(makeStore().getState().session).toEqual(initialSessionState);
  });

  it('lets the /api middleware run: an endpoint can be initiated once installed', async () => {
    installApiFeatures();
    const store = makeStore();
    const api = strideApi.injectEndpoints({
      endpoints: (build) => ({ probe: build.query<number, undefined>({ queryFn: () => ({ data: 7 }) }) }),
      overrideExisting: false,
    });
    const result = await store.dispatch(api.endpoints.probe.initiate(undefined));
    expect(result.data).toBe(7);
  });
});
