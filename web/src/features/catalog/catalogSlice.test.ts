import { configureStore } from '@reduxjs/toolkit';
import { describe, expect, it } from 'vitest';
import type { Program } from '../../shared/content/schema';
import { fetchProgram } from './catalogApi';
import { catalogSlice, catalogStateFor, selectFeatured, selectIsKnownSlug, selectProgram, selectSummaries } from './catalogSlice';

const program = (slug: string, featured = false): Program => ({
  slug,
  title: slug.toUpperCase(),
  tagline: 't',
  description: 'd',
  trainer: 'Coach',
  level: 'beginner',
  equipment: [],
  featured,
  launchAt: '2026-01-01T00:00:00Z',
  poster: { src: `/posters/${slug}.svg`, width: 640, height: 360, alt: slug },
  workouts: [
    { id: `w-${slug}-1`, title: 'One', durationSec: 600, mediaId: 'sample-hiit' },
    { id: `w-${slug}-2`, title: 'Two', durationSec: 900, mediaId: 'sample-hiit' },
  ],
});

const storeWith = (preloaded: ReturnType<typeof catalogStateFor>) =>
  configureStore({
    reducer: { catalog: catalogSlice.reducer },
    preloadedState: { catalog: preloaded },
  });

describe('catalogStateFor', () => {
  it('summarizes every program and carries details only for the requested slugs', () => {
    const state = catalogStateFor([program('a'), program('b')], ['b']);
    expect(state.summaries.map((s) => s.slug)).toEqual(['a', 'b']);
    expect(state.summaries[0]).toMatchObject({ workoutCount: 2, totalDurationSec: 1500 });
    expect(Object.keys(state.programs)).toEqual(['b']);
  });

  it('ignores a detail slug that is not in the catalog', () => {
    expect(catalogStateFor([program('a')], ['nope']).programs).toEqual({});
  });
});

describe('catalog selectors', () => {
  it('picks the featured program, falling back to the first', () => {
    const featured = storeWith(catalogStateFor([program('a'), program('b', true)])).getState();
    expect(selectFeatured(featured)?.slug).toBe('b');
    const none = storeWith(catalogStateFor([program('a'), program('b')])).getState();
    expect(selectFeatured(none)?.slug).toBe('a');
  });

  it('answers known slugs and details', () => {
    const state = storeWith(catalogStateFor([program('a')], ['a'])).getState();
    expect(selectSummaries(state)).toHaveLength(1);
    expect(selectIsKnownSlug(state, 'a')).toBe(true);
    expect(selectIsKnownSlug(state, 'z')).toBe(false);
    expect(selectProgram(state, 'a')?.workouts).toHaveLength(2);
  });

  it('stores a program fetched as page data', () => {
    const store = storeWith(catalogStateFor([program('a')]));
    const fetched = program('a');
    store.dispatch(fetchProgram.fulfilled(fetched, 'r1', 'a'));
    expect(selectProgram(store.getState(), 'a')).toEqual(fetched);
  });
});
