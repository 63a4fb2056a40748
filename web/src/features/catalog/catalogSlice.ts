import { createSlice } from '@reduxjs/toolkit';
import type { Program } from '../../shared/content/schema';
import { summarize, type ProgramSummary } from '../../shared/content/program-summary';
import { fetchCatalog, fetchProgram } from './catalogApi';

export interface CatalogState {
  /**
   * The program summaries this page knows, in catalog order: every program on a page that lists
   * them (home) or once `/data/catalog.json` has loaded, else only the programs the page shows.
   * Pages carry no more than they render: with 10,000 programs, every page embedding every
   * summary would make each page megabytes long.
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
}

/** What one prerendered page carries of the catalog. */
export interface CatalogPageContent {
  /** The page lists programs (home): it carries every summary. */
  readonly listsCatalog: boolean;
  /** Programs whose full details the page shows (a program page). */
  readonly detailSlugs: readonly string[];
  /** Programs the page shows only the summary of (a coming-soon page). */
  readonly summarySlugs: readonly string[];
}

const initialState: CatalogState = { summaries: [], complete: false, programs: {}, asOf: null };

/** The preloaded catalog state for one prerendered page, rendered as of `asOf` (ISO). */
export function catalogStateFor(catalog: readonly Program[], page: CatalogPageContent, asOf: string): CatalogState {
  const programs: Record<string, Program> = {};
  for (const slug of page.detailSlugs) {
    const program = catalog.find((p) => p.slug === slug);
    if (program) programs[slug] = program;
  }
  if (page.listsCatalog) return { summaries: catalog.map(summarize), complete: true, programs, asOf };
  const shown = new Set([...page.detailSlugs, ...page.summarySlugs]);
  return { summaries: catalog.filter((p) => shown.has(p.slug)).map(summarize), complete: false, programs, asOf: null };
}

/** The shared catalog file the browser loads when a page needs programs it did not carry. */
export interface CatalogFile {
  readonly summaries: ProgramSummary[];
}

export const catalogFileFor = (catalog: readonly Program[]): CatalogFile => ({ summaries: catalog.map(summarize) });

const findSummary = (state: CatalogState, slug: string): ProgramSummary | undefined => state.summaries.find((p) => p.slug === slug);

/** Not launched as of `nowMs`. */
export const isUpcoming = (summary: ProgramSummary, nowMs: number): boolean => Date.parse(summary.launchAt) > nowMs;

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
      .addCase(fetchCatalog.fulfilled, (state, action) => {
        state.summaries = action.payload.summaries;
        state.complete = true;
      });
  },
  selectors: {
    selectSummaries: (state) => state.summaries,
    selectHasFullCatalog: (state) => state.complete,
    selectCatalogAsOf: (state) => state.asOf,
    selectFeatured: (state) => state.summaries.find((p) => p.featured) ?? state.summaries[0],
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

export const { selectSummaries, selectHasFullCatalog, selectCatalogAsOf, selectFeatured, selectProgram, selectSlugStatus, selectSummary, selectIsUpcoming } = catalogSlice.selectors;

const NEWLY_LAUNCHED_LIMIT = 4;

/** The most recently launched programs as of `nowMs`, newest first (the home page's second row). */
export function newlyLaunched(summaries: readonly ProgramSummary[], nowMs: number, limit = NEWLY_LAUNCHED_LIMIT): ProgramSummary[] {
  return summaries
    .filter((p) => !isUpcoming(p, nowMs))
    .sort((a, b) => Date.parse(b.launchAt) - Date.parse(a.launchAt) || a.slug.localeCompare(b.slug))
    .slice(0, limit);
}
