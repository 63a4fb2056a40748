import { configureStore } from '@reduxjs/toolkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Program } from '../../shared/content/schema';
import { fetchProgram, fetchSummary } from './catalogApi';
import { catalogSlice, catalogStateFor, selectProgram, selectSlugStatus } from './catalogSlice';

const program = { slug: 'a', title: 'A', workouts: [] } as unknown as Program;
const store = () =>
  configureStore({
    reducer: { catalog: catalogSlice.reducer },
    preloadedState: {
      catalog: catalogStateFor([], { listsCatalog: false, detailSlugs: [], summarySlugs: [] }, '2026-11-22T06:00:00.000Z'),
    },
  });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('fetchProgram', () => {
  it('reads /data/programs/<slug>.json and stores the program', async () => {
    const fetchMock = vi.fn(
      async (_input: string) => new Response(JSON.stringify(program), { status: 200, headers: { 'content-type': 'application/json' } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const s = store();
    const action = await s.dispatch(fetchProgram('a b'));
    expect(fetchProgram.fulfilled.match(action)).toBe(true);
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/data/programs/a%20b.json');
    expect(selectProgram(s.getState(), 'a')).toEqual(program);
  });

  it('rejects with the HTTP status, or FETCH_ERROR when nothing answered', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('nope', { status: 404 })),
    );
    const notFound = await store().dispatch(fetchProgram('a'));
    expect(fetchProgram.rejected.match(notFound) && notFound.payload).toEqual({ status: 404 });

    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('fetch failed'))),
    );
    const offline = await store().dispatch(fetchProgram('a'));
    expect(fetchProgram.rejected.match(offline) && offline.payload).toEqual({ status: 'FETCH_ERROR' });
  });
});

describe('fetchSummary', () => {
  it('reads /data/summaries/<slug>.json and makes the slug known', async () => {
    const summary = { slug: 'a b', title: 'A' };
    const fetchMock = vi.fn(
      async (_input: string) => new Response(JSON.stringify(summary), { status: 200, headers: { 'content-type': 'application/json' } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const s = store();
    expect(selectSlugStatus(s.getState(), 'a b')).toBe('undetermined');
    const action = await s.dispatch(fetchSummary('a b'));
    expect(fetchSummary.fulfilled.match(action)).toBe(true);
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/data/summaries/a%20b.json');
    expect(selectSlugStatus(s.getState(), 'a b')).toBe('known');
  });

  it('rejects with the status (404: no such program; 451 outside a licence) or PARSING_ERROR for a body that is not JSON', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>', { status: 200 })),
    );
    const garbled = await store().dispatch(fetchSummary('a'));
    expect(fetchSummary.rejected.match(garbled) && garbled.payload).toEqual({ status: 'PARSING_ERROR' });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('', { status: 404 })),
    );
    const missing = await store().dispatch(fetchSummary('nope'));
    expect(fetchSummary.rejected.match(missing) && missing.payload).toEqual({ status: 404 });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('', { status: 451 })),
    );
    const refused = await store().dispatch(fetchProgram('a'));
    expect(fetchProgram.rejected.match(refused) && refused.payload).toEqual({ status: 451 });
  });
});
