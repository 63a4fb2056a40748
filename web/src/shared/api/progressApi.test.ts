import { configureStore } from '@reduxjs/toolkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROGRESS_LISTS_TAG, progressApi, type ContinueWatchingItem } from './progressApi';
import { strideApi } from './strideApi';

const item: ContinueWatchingItem = {
  workoutId: 'w-hiit30-01',
  workoutTitle: 'Tabata Foundations',
  programSlug: 'hiit-30',
  programTitle: 'HIIT 30',
  poster: { src: '/posters/hiit-30.svg', width: 640, height: 360, alt: 'HIIT 30 program poster' },
  positionSec: 300,
  durationSec: 1800,
  updatedAt: '2026-11-22T06:00:00.000Z',
};

/** The browser resolves '/api/…' against the page; Node's Request needs an origin to do so. */
class PageRequest extends Request {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === 'string' ? new URL(input, 'http://stride.test') : input, init);
  }
}

function setup() {
  const calls: string[] = [];
  vi.stubGlobal('Request', PageRequest);
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      calls.push(`${request.method} ${new URL(request.url).pathname}`);
      return new Response(JSON.stringify({ items: [item] }), { status: 200, headers: { 'content-type': 'application/json' } });
    }),
  );
  const store = configureStore({
    reducer: { [strideApi.reducerPath]: strideApi.reducer },
    middleware: (gdm) => gdm().concat(strideApi.middleware),
  });
  return { store, calls };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('getContinueWatching', () => {
  it('asks GET /api/progress and gives the items', async () => {
    const { store, calls } = setup();
    const subscription = store.dispatch(progressApi.endpoints.getContinueWatching.initiate(undefined));
    expect(await subscription.unwrap()).toEqual([item]);
    expect(calls).toEqual(['GET /api/progress']);
    subscription.unsubscribe();
  });

  it('asks again once a saved position invalidates the list', async () => {
    const { store, calls } = setup();
    const subscription = store.dispatch(progressApi.endpoints.getContinueWatching.initiate(undefined));
    await subscription.unwrap();
    store.dispatch(strideApi.util.invalidateTags([PROGRESS_LISTS_TAG]));
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    subscription.unsubscribe();
  });
});
