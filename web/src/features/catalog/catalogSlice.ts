import { createSelector, createSlice } from '@reduxjs/toolkit';
import { LISTING_PAGE_SIZE } from '../../shared/content/listing';
import type { Program } from '../../shared/content/schema';
import { summarize, type ProgramSummary } from '../../shared/content/program-summary';
import type { HomeData, ListingPage, ListingState } from './catalog-data';
import { fetchHome, fetchListingPage, fetchProgram, fetchSummary } from './catalogApi';

export interface CatalogState {
  /**
   * The program summaries this page knows: what the page shows (home: the first page of "All
   * programs", the featured program, and every program that is or may become "newly launched";
   * a program page: its program), plus whatever was loaded since. Pages carry no more than
   * they render: with 10,000 programs, a page embedding every summary would be megabytes long.
   */
  readonly summaries: ProgramSummary[];
  /** Whether `summaries` is the whole catalog; when false, a slug missing from it is not yet known to be unknown. */
  readonly complete: boolean;
  /** Full programs by slug: the one a program page was prerendered with, plus any fetched since. */
  readonly programs: Record<string, Program>;
  /**
   * The instant a listing page was rendered at (ISO), so its first client render derives the
   * same "newly launched" row and "coming soon" badges as the static HTML; null elsewhere.
   */
  readonly asOf: string | null;
  /** "All programs" so far on a page that lists programs (home), else null. */
  readonly listing: ListingState | null;
}

/** What one prerendered page carries of the catalog. */
export interface CatalogPageContent {
  /** The page lists programs (home): it carries the home page's data (see homeDataFor). */
  readonly listsCatalog: boolean;
  /** Programs whose full details the page shows (a program page). */
  readonly detailSlugs: readonly string[];
  /** Programs the page shows only the summary of (a coming-soon page). */
  readonly summarySlugs: readonly string[];
}

const initialState: CatalogState = { summaries: [], complete: false, programs: {}, asOf: null, listing: null };

/** Not launched as of `nowMs`. */
export const isUpcoming = (summary: Pick<ProgramSummary, 'launchAt'>, nowMs: number): boolean => Date.parse(summary.launchAt) > nowMs;

const NEWLY_LAUNCHED_LIMIT = 4;

/** The most recently launched programs as of `nowMs`, newest first (the home page's second row). */
export function newlyLaunched<P extends Pick<ProgramSummary, 'launchAt' | 'slug'>>(
  summaries: readonly P[],
  nowMs: number,
  limit = NEWLY_LAUNCHED_LIMIT,
): P[] {
  return summaries
    .filter((p) => !isUpcoming(p, nowMs))
    .sort((a, b) => Date.parse(b.launchAt) - Date.parse(a.launchAt) || a.slug.localeCompare(b.slug))
    .slice(0, limit);
}

/** Scheduled launches the home page carries, soonest first (see homeDataFor). */
export const SCHEDULED_LAUNCHES_CARRIED = 24;

/**
 * The home page's programs as of `asOf` (the prerender's instant): the first page of "All
 * programs", the featured program, the newly launched ones, and the next scheduled launches.
 * Those last keep the "newly launched" row right after the build without a rebuild: the newest
 * launches at a later instant are among the newest now and the ones launched in between. That
 * holds until more than SCHEDULED_LAUNCHES_CARRIED launches pass without a publish (which
 * rebuilds the page); carrying every one would weigh the page down in a catalog with hundreds
 * scheduled.
 */
export function homeDataFor(catalog: readonly Program[], asOf: string, pageSize = LISTING_PAGE_SIZE): HomeData {
  const nowMs = Date.parse(asOf);
  const head = catalog.slice(0, pageSize);
  const featured = catalog.find((p) => p.featured) ?? catalog[0];
  const scheduled = catalog
    .filter((p) => isUpcoming(p, nowMs))
    .sort((a, b) => Date.parse(a.launchAt) - Date.parse(b.launchAt) || a.slug.localeCompare(b.slug))
    .slice(0, SCHEDULED_LAUNCHES_CARRIED);
  const carried = new Set([...head, ...newlyLaunched(catalog, nowMs), ...scheduled].map((p) => p.slug));
  if (featured) carried.add(featured.slug);
  return {
    summaries: catalog.filter((p) => carried.has(p.slug)).map(summarize),
    listing: { slugs: head.map((p) => p.slug), total: catalog.length, pageSize, featured: featured?.slug ?? null },
  };
}

/** Every listing page after the first. */
export function listingPagesFor(catalog: readonly Program[], pageSize = LISTING_PAGE_SIZE): ListingPage[] {
  const pages: ListingPage[] = [];
  for (let page = 1; page * pageSize < catalog.length; page += 1)
    pages.push({ page, summaries: catalog.slice(page * pageSize, (page + 1) * pageSize).map(summarize) });
  return pages;
}

/** The preloaded catalog state for one prerendered page, rendered as of `asOf` (ISO). */
export function catalogStateFor(catalog: readonly Program[], page: CatalogPageContent, asOf: string): CatalogState {
  const programs: Record<string, Program> = {};
  for (const slug of page.detailSlugs) {
    const program = catalog.find((p) => p.slug === slug);
    if (program) programs[slug] = program;
  }
  if (page.listsCatalog) {
    const home = homeDataFor(catalog, asOf);
    return { ...home, complete: home.summaries.length === catalog.length, programs, asOf };
  }
  const shown = new Set([...page.detailSlugs, ...page.summarySlugs]);
  return { summaries: catalog.filter((p) => shown.has(p.slug)).map(summarize), complete: false, programs, asOf: null, listing: null };
}

/** Adds the summaries not known yet (by slug), keeping the ones already there. */
function addSummaries(state: { summaries: ProgramSummary[] }, summaries: readonly ProgramSummary[]): void {
  const known = new Set(state.summaries.map((p) => p.slug));
  for (const summary of summaries) if (!known.has(summary.slug)) state.summaries.push(summary);
}

const findSummary = (state: CatalogState, slug: string): ProgramSummary | undefined => state.summaries.find((p) => p.slug === slug);

/** "All programs" loaded so far, in catalog order (memoized: the same array until either input changes). */
const listedPrograms = createSelector(
  [(state: CatalogState) => state.summaries, (state: CatalogState) => state.listing],
  (summaries, listing): ProgramSummary[] => {
    if (!listing) return [];
    const bySlug = new Map(summaries.map((p) => [p.slug, p]));
    return listing.slugs.flatMap((slug) => bySlug.get(slug) ?? []);
  },
);

export const catalogSlice = createSlice({
  name: 'catalog',
  initialState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(fetchProgram.fulfilled, (state, action) => {
        state.programs[action.payload.slug] = action.payload;
        // Its summary joins the known ones (in the store, not derived per selector call, so a
        // selector returns the same object each time).
        if (!state.summaries.some((p) => p.slug === action.payload.slug)) state.summaries.push(summarize(action.payload));
      })
      .addCase(fetchSummary.fulfilled, (state, action) => {
        addSummaries(state, [action.payload]);
      })
      .addCase(fetchHome.fulfilled, (state, action) => {
        addSummaries(state, action.payload.summaries);
        // A listing already here may have more pages loaded than the file's first one.
        state.listing ??= action.payload.listing;
        if (state.summaries.length >= action.payload.listing.total) state.complete = true;
      })
      .addCase(fetchListingPage.fulfilled, (state, action) => {
        const { listing } = state;
        // Only the next page joins: a repeated or stale answer changes nothing.
        if (!listing || action.payload.page * listing.pageSize !== listing.slugs.length) return;
        addSummaries(state, action.payload.summaries);
        listing.slugs.push(...action.payload.summaries.map((p) => p.slug));
      });
  },
  selectors: {
    selectSummaries: (state) => state.summaries,
    selectHasFullCatalog: (state) => state.complete,
    selectCatalogAsOf: (state) => state.asOf,
    selectFeatured: (state) =>
      (state.listing?.featured ? findSummary(state, state.listing.featured) : undefined) ??
      state.summaries.find((p) => p.featured) ??
      state.summaries[0],
    selectHasListing: (state) => state.listing !== null,
    selectListedPrograms: listedPrograms,
    /** Programs of "All programs" not loaded yet. */
    selectListingRemaining: (state) => (state.listing ? Math.max(0, state.listing.total - state.listing.slugs.length) : 0),
    /** The listing page to load next. */
    selectNextListingPage: (state) => (state.listing ? Math.ceil(state.listing.slugs.length / state.listing.pageSize) : 0),
    selectProgram: (state, slug: string): Program | undefined => state.programs[slug],
    /** `unknown` only once the whole catalog is known; `undetermined` until then. */
    selectSlugStatus: (state, slug: string): 'known' | 'unknown' | 'undetermined' =>
      findSummary(state, slug) ? 'known' : state.complete ? 'unknown' : 'undetermined',
    selectSummary: (state, slug: string): ProgramSummary | undefined => findSummary(state, slug),
    /**
     * Not launched yet as of `nowMs`, and not carried by this page: client-side navigation shows
     * the coming-soon view (the edge holds the page data back until launch).
     */
    selectIsUpcoming: (state, slug: string, nowMs: number): boolean => {
      const summary = findSummary(state, slug);
      return summary !== undefined && state.programs[slug] === undefined && isUpcoming(summary, nowMs);
    },
  },
});

export const {
  selectSummaries,
  selectHasFullCatalog,
  selectCatalogAsOf,
  selectFeatured,
  selectHasListing,
  selectListedPrograms,
  selectListingRemaining,
  selectNextListingPage,
  selectProgram,
  selectSlugStatus,
  selectSummary,
  selectIsUpcoming,
} = catalogSlice.selectors;
