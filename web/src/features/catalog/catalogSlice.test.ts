import { configureStore } from '@reduxjs/toolkit';
import { describe, expect, it } from 'vitest';
import type { Program } from '../../shared/content/schema';
import { fetchCatalog, fetchProgram } from './catalogApi';
import { catalogFileFor, catalogSlice, catalogStateFor, newlyLaunched, selectFeatured, selectHasFullCatalog, selectProgram, selectSlugStatus, selectSummaries, selectSummary, type CatalogPageContent } from './catalogSlice';

const program = (slug: string, featured = false, launchAt = '2026-01-01T00:00:00Z'): Program => ({
  slug,
  title: slug.toUpperCase(),
  tagline: 't',
  description: 'd',
  trainer: 'Coach',
  level: 'beginner',
  equipment: [],
  featured,
  launchAt,
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

const AS_OF = '2026-11-22T06:00:00.000Z';
const listing: CatalogPageContent = { listsCatalog: true, detailSlugs: [], summarySlugs: [] };
const programPage = (slug: string): CatalogPageContent => ({ listsCatalog: false, detailSlugs: [slug], summarySlugs: [] });
const comingSoonPage = (slug: string): CatalogPageContent => ({ listsCatalog: false, detailSlugs: [], summarySlugs: [slug] });
const otherPage: CatalogPageContent = { listsCatalog: false, detailSlugs: [], summarySlugs: [] };

describe('catalogStateFor', () => {
  it('gives a listing page every summary, complete, as of the render instant', () => {
    const state = catalogStateFor([program('a'), program('b')], listing, AS_OF);
    expect(state.summaries.map((s) => s.slug)).toEqual(['a', 'b']);
    expect(state.summaries[0]).toMatchObject({ workoutCount: 2, totalDurationSec: 1500 });
    expect(state).toMatchObject({ complete: true, asOf: AS_OF, programs: {} });
  });

  it('gives a program page its own program only, not every summary', () => {
    const state = catalogStateFor([program('a'), program('b'), program('c')], programPage('b'), AS_OF);
    expect(state.summaries.map((s) => s.slug)).toEqual(['b']);
    expect(Object.keys(state.programs)).toEqual(['b']);
    expect(state).toMatchObject({ complete: false, asOf: null });
  });

  it('gives a coming-soon page its summary without the workouts, and other pages nothing', () => {
    const soon = catalogStateFor([program('a'), program('b')], comingSoonPage('a'), AS_OF);
    expect(soon.summaries.map((s) => s.slug)).toEqual(['a']);
    expect(soon.programs).toEqual({});
    expect(catalogStateFor([program('a')], otherPage, AS_OF)).toEqual({ summaries: [], complete: false, programs: {}, asOf: null });
  });

  it('ignores a slug that is not in the catalog', () => {
    expect(catalogStateFor([program('a')], programPage('nope'), AS_OF)).toMatchObject({ summaries: [], programs: {} });
  });

  it('stays small per page as the catalog grows (the reason summaries moved to a shared file)', () => {
    const big = Array.from({ length: 1000 }, (_, i) => program(`p${i}`));
    const one = JSON.stringify(catalogStateFor(big, programPage('p500'), AS_OF)).length;
    const all = JSON.stringify(catalogStateFor(big, listing, AS_OF)).length;
    expect(one * 100).toBeLessThan(all);
  });
});

describe('catalog selectors', () => {
  it('picks the featured program, falling back to the first', () => {
    const featured = storeWith(catalogStateFor([program('a'), program('b', true)], listing, AS_OF)).getState();
    expect(selectFeatured(featured)?.slug).toBe('b');
    const none = storeWith(catalogStateFor([program('a'), program('b')], listing, AS_OF)).getState();
    expect(selectFeatured(none)?.slug).toBe('a');
  });

  it('tells known, unknown and not-yet-known slugs apart', () => {
    const listed = storeWith(catalogStateFor([program('a')], listing, AS_OF)).getState();
    expect(selectSlugStatus(listed, 'a')).toBe('known');
    expect(selectSlugStatus(listed, 'z')).toBe('unknown');
    const partial = storeWith(catalogStateFor([program('a'), program('b')], programPage('a'), AS_OF)).getState();
    expect(selectSlugStatus(partial, 'a')).toBe('known');
    expect(selectSlugStatus(partial, 'b')).toBe('undetermined');
    expect(selectProgram(partial, 'a')?.workouts).toHaveLength(2);
    expect(selectSummaries(partial)).toHaveLength(1);
  });

  it('stores a program fetched as page data, which also makes its summary known', () => {
    const store = storeWith(catalogStateFor([program('a')], otherPage, AS_OF));
    const fetched = program('a');
    store.dispatch(fetchProgram.fulfilled(fetched, 'r1', 'a'));
    expect(selectProgram(store.getState(), 'a')).toEqual(fetched);
    expect(selectSummary(store.getState(), 'a')?.workoutCount).toBe(2);
    expect(selectHasFullCatalog(store.getState())).toBe(false);
  });

  it('completes the listing from the shared catalog file', () => {
    const catalog = [program('a'), program('b')];
    const store = storeWith(catalogStateFor(catalog, programPage('a'), AS_OF));
    store.dispatch(fetchCatalog.fulfilled(catalogFileFor(catalog), 'r1', undefined));
    expect(selectHasFullCatalog(store.getState())).toBe(true);
    expect(selectSummaries(store.getState()).map((s) => s.slug)).toEqual(['a', 'b']);
    expect(selectSlugStatus(store.getState(), 'z')).toBe('unknown');
    // The program the page carried keeps its details.
    expect(selectProgram(store.getState(), 'a')?.workouts).toHaveLength(2);
  });
});

describe('newlyLaunched', () => {
  const catalog = catalogFileFor([
    program('old', false, '2025-01-01T00:00:00Z'),
    program('recent', false, '2026-11-01T00:00:00Z'),
    program('later', false, '2027-01-01T00:00:00Z'),
    program('mid', false, '2026-06-01T00:00:00Z'),
  ]).summaries;

  it('lists launched programs newest first, never one still to launch', () => {
    expect(newlyLaunched(catalog, Date.parse(AS_OF)).map((p) => p.slug)).toEqual(['recent', 'mid', 'old']);
    expect(newlyLaunched(catalog, Date.parse(AS_OF), 2).map((p) => p.slug)).toEqual(['recent', 'mid']);
  });

  it('takes in a program the moment it launches', () => {
    expect(newlyLaunched(catalog, Date.parse('2027-01-01T00:00:00Z'))[0]?.slug).toBe('later');
  });
});
