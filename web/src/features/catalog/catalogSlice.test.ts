import { configureStore } from '@reduxjs/toolkit';
import { describe, expect, it } from 'vitest';
import type { Program } from '../../shared/content/schema';
import { summarize } from '../../shared/content/program-summary';
import { fetchHome, fetchListingPage, fetchProgram, fetchSummary } from './catalogApi';
import { testProgram } from './program.fixture';
import {
  catalogSlice,
  catalogStateFor,
  homeDataFor,
  listingPagesFor,
  newlyLaunched,
  SCHEDULED_LAUNCHES_CARRIED,
  selectFeatured,
  selectHasFullCatalog,
  selectHasListing,
  selectListedPrograms,
  selectListingRemaining,
  selectNextListingPage,
  selectProgram,
  selectSlugStatus,
  selectSummaries,
  selectSummary,
  type CatalogPageContent,
} from './catalogSlice';

const program = (slug: string, featured = false, launchAt = '2026-01-01T00:00:00Z'): Program => testProgram(slug, { featured, launchAt });

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
  it('gives the home page of a small catalog every summary, complete, as of the render instant', () => {
    const state = catalogStateFor([program('a'), program('b')], listing, AS_OF);
    expect(state.summaries.map((s) => s.slug)).toEqual(['a', 'b']);
    expect(state.summaries[0]).toMatchObject({ workoutCount: 2, totalDurationSec: 1500 });
    expect(state).toMatchObject({
      complete: true,
      asOf: AS_OF,
      programs: {},
      listing: { slugs: ['a', 'b'], total: 2, pageSize: 24, featured: 'a' },
    });
  });

  it('gives the home page of a large catalog one listing page, the featured program, the newest launches and every program still to launch', () => {
    const big = Array.from({ length: 100 }, (_, i) =>
      program(`p${i}`, i === 70, `2025-01-${String((i % 28) + 1).padStart(2, '0')}T00:00:00Z`),
    );
    big[90] = program('p90', false, '2026-11-20T00:00:00Z'); // the newest launch
    big[95] = program('p95', false, '2027-03-01T00:00:00Z'); // still to launch
    const state = catalogStateFor(big, listing, AS_OF);
    const slugs = state.summaries.map((p) => p.slug);
    expect(slugs.slice(0, 24)).toEqual(big.slice(0, 24).map((p) => p.slug));
    expect(slugs).toEqual(expect.arrayContaining(['p70', 'p90', 'p95']));
    expect(slugs.length).toBeLessThan(35);
    expect(state).toMatchObject({ complete: false, listing: { total: 100, featured: 'p70' } });
    expect(state.listing?.slugs).toEqual(big.slice(0, 24).map((p) => p.slug));
    // Whatever the viewer's clock says later, the row is what the whole catalog would give.
    for (const at of [AS_OF, '2027-01-01T00:00:00Z', '2027-06-01T00:00:00Z']) {
      expect(newlyLaunched(state.summaries, Date.parse(at)).map((p) => p.slug)).toEqual(
        newlyLaunched(big.map(summarize), Date.parse(at)).map((p) => p.slug),
      );
    }
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
    expect(catalogStateFor([program('a')], otherPage, AS_OF)).toEqual({
      summaries: [],
      complete: false,
      programs: {},
      asOf: null,
      listing: null,
    });
  });

  it('ignores a slug that is not in the catalog', () => {
    expect(catalogStateFor([program('a')], programPage('nope'), AS_OF)).toMatchObject({ summaries: [], programs: {} });
  });

  it('carries the soonest scheduled launches only: the row stays right until that many have launched', () => {
    const launched = Array.from({ length: 40 }, (_, i) => program(`old${i}`, false, '2025-06-01T00:00:00Z'));
    // 30 launches a day apart from Dec 1, listed last in the catalog.
    const scheduled = Array.from({ length: 30 }, (_, i) =>
      program(`s${i}`, false, new Date(Date.parse('2026-12-01T00:00:00Z') + i * 86_400_000).toISOString()),
    );
    const catalog = [...launched, ...scheduled];
    const home = catalogStateFor(catalog, listing, AS_OF);
    const carried = home.summaries.filter((p) => p.slug.startsWith('s')).map((p) => p.slug);
    expect(carried).toEqual(scheduled.slice(0, SCHEDULED_LAUNCHES_CARRIED).map((p) => p.slug));
    const rowAt = (at: string, summaries: readonly { slug: string; launchAt: string }[]) =>
      newlyLaunched(summaries, Date.parse(at)).map((p) => p.slug);
    const lastCarried = scheduled[SCHEDULED_LAUNCHES_CARRIED - 1]?.launchAt ?? '';
    expect(rowAt(lastCarried, home.summaries)).toEqual(rowAt(lastCarried, catalog.map(summarize)));
  });

  it('stays small per page as the catalog grows, the home page too', () => {
    const big = Array.from({ length: 1000 }, (_, i) => program(`p${i}`));
    const one = JSON.stringify(catalogStateFor(big, programPage('p500'), AS_OF)).length;
    const home = JSON.stringify(catalogStateFor(big, listing, AS_OF)).length;
    const all = JSON.stringify(big.map(summarize)).length;
    expect(one * 100).toBeLessThan(all);
    expect(home * 30).toBeLessThan(all);
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

  it('learns a slug the page did not carry from its summary file, once', () => {
    const store = storeWith(catalogStateFor([program('a'), program('b')], programPage('a'), AS_OF));
    expect(selectSlugStatus(store.getState(), 'b')).toBe('undetermined');
    store.dispatch(fetchSummary.fulfilled(summarize(program('b')), 'r1', 'b'));
    store.dispatch(fetchSummary.fulfilled(summarize(program('b')), 'r2', 'b'));
    expect(selectSlugStatus(store.getState(), 'b')).toBe('known');
    expect(selectSummaries(store.getState()).map((s) => s.slug)).toEqual(['a', 'b']);
    // The program the page carried keeps its details.
    expect(selectProgram(store.getState(), 'a')?.workouts).toHaveLength(2);
  });
});

describe('the home page listing, a page at a time', () => {
  const big = Array.from({ length: 60 }, (_, i) => program(`p${i}`));
  const pages = listingPagesFor(big);

  it('writes every page after the first, each in catalog order', () => {
    expect(pages.map((p) => [p.page, p.summaries.length])).toEqual([
      [1, 24],
      [2, 12],
    ]);
    expect(pages[1]?.summaries[0]?.slug).toBe('p48');
    expect(listingPagesFor(big.slice(0, 24))).toEqual([]);
  });

  it('appends only the next page, and says how many remain', () => {
    const store = storeWith(catalogStateFor(big, listing, AS_OF));
    expect(selectListedPrograms(store.getState())).toHaveLength(24);
    expect(selectListingRemaining(store.getState())).toBe(36);
    expect(selectNextListingPage(store.getState())).toBe(1);

    const [one, two] = pages;
    if (!one || !two) throw new Error('two pages expected');
    store.dispatch(fetchListingPage.fulfilled(two, 'r0', 2)); // out of order: ignored
    expect(selectListedPrograms(store.getState())).toHaveLength(24);
    store.dispatch(fetchListingPage.fulfilled(one, 'r1', 1));
    store.dispatch(fetchListingPage.fulfilled(one, 'r2', 1)); // a repeat: ignored
    expect(selectListedPrograms(store.getState()).map((p) => p.slug)).toEqual(big.slice(0, 48).map((p) => p.slug));
    store.dispatch(fetchListingPage.fulfilled(two, 'r3', 2));
    expect(selectListedPrograms(store.getState()).map((p) => p.slug)).toEqual(big.map((p) => p.slug));
    expect(selectListingRemaining(store.getState())).toBe(0);
    // The summaries that came with the pages are known, each once.
    expect(selectSlugStatus(store.getState(), 'p59')).toBe('known');
    expect(new Set(selectSummaries(store.getState()).map((p) => p.slug)).size).toBe(selectSummaries(store.getState()).length);
  });

  it('returns the same listed array until the listing changes', () => {
    const state = storeWith(catalogStateFor(big, listing, AS_OF)).getState();
    expect(selectListedPrograms(state)).toBe(selectListedPrograms(state));
  });

  it('takes the home page data on client-side navigation, keeping what a program page carried', () => {
    const store = storeWith(catalogStateFor(big, programPage('p50'), AS_OF));
    expect(selectHasListing(store.getState())).toBe(false);
    store.dispatch(fetchHome.fulfilled(homeDataFor(big, AS_OF), 'r1', undefined));
    expect(selectHasListing(store.getState())).toBe(true);
    expect(selectListedPrograms(store.getState())).toHaveLength(24);
    expect(selectProgram(store.getState(), 'p50')?.workouts).toHaveLength(2);
    expect(selectFeatured(store.getState())?.slug).toBe('p0');
    expect(selectHasFullCatalog(store.getState())).toBe(false);
    // A small catalog's home data is the whole catalog.
    const small = storeWith(catalogStateFor([program('a'), program('b')], otherPage, AS_OF));
    small.dispatch(fetchHome.fulfilled(homeDataFor([program('a'), program('b')], AS_OF), 'r2', undefined));
    expect(selectHasFullCatalog(small.getState())).toBe(true);
  });
});

describe('newlyLaunched', () => {
  const catalog = [
    program('old', false, '2025-01-01T00:00:00Z'),
    program('recent', false, '2026-11-01T00:00:00Z'),
    program('later', false, '2027-01-01T00:00:00Z'),
    program('mid', false, '2026-06-01T00:00:00Z'),
  ].map(summarize);

  it('lists launched programs newest first, never one still to launch', () => {
    expect(newlyLaunched(catalog, Date.parse(AS_OF)).map((p) => p.slug)).toEqual(['recent', 'mid', 'old']);
    expect(newlyLaunched(catalog, Date.parse(AS_OF), 2).map((p) => p.slug)).toEqual(['recent', 'mid']);
  });

  it('takes in a program the moment it launches', () => {
    expect(newlyLaunched(catalog, Date.parse('2027-01-01T00:00:00Z'))[0]?.slug).toBe('later');
  });
});
