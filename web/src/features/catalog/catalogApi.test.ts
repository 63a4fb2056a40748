import { configureStore } from '@reduxjs/toolkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Program } from '../../shared/content/schema';
import { fetchProgram } from './catalogApi';
import { catalogSlice, catalogStateFor, selectProgram } from './catalogSlice';

const program = { slug: 'a', title: 'A', workouts: [] } as unknown as Program;
const store = () => configureStore({ reducer: { catalog: catalogSlice.reducer }, preloadedState: { catalog: catalogStateFor([]) } });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('fetchProgram', () => {
  it('reads /data/programs/<slug>.json and stores the program', async () => {
    const fetchMock = vi.fn(async (_input: string) => new Response(JSON.stringify(program), { status: 200, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetchMock);
    const s = store();
    const action = await s.dispatch(fetchProgram('a b'));
    expect(fetchProgram.fulfilled.match(action)).toBe(true);
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/data/programs/a%20b.json');
    expect(selectProgram(s.getState(), 'a')).toEqual(program);
  });

  it('rejects with the HTTP status, or FETCH_ERROR when nothing answered', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('nope', { status: 404 })));
    const notFound = await store().dispatch(fetchProgram('a'));
    expect(fetchProgram.rejected.match(notFound) && notFound.payload).toEqual({ status: 404 });

    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('fetch failed'))));
    const offline = await store().dispatch(fetchProgram('a'));
    expect(fetchProgram.rejected.match(offline) && offline.payload).toEqual({ status: 'FETCH_ERROR' });
  });
});
