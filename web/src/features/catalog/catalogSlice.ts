import { createSlice } from '@reduxjs/toolkit';
import type { Program } from '../../shared/content/schema';
import { summarize, type ProgramSummary } from '../../shared/content/program-summary';
import { fetchProgram } from './catalogApi';

export interface CatalogState {
  /** Every published program, in catalog order (for lists). */
  readonly summaries: ProgramSummary[];
  /** Full programs by slug: the one a program page was prerendered with, plus any fetched since. */
  readonly programs: Record<string, Program>;
}

const initialState: CatalogState = { summaries: [], programs: {} };

/** The preloaded catalog state for one prerendered page: all summaries, and the details it shows. */
export function catalogStateFor(catalog: readonly Program[], detailSlugs: readonly string[] = []): CatalogState {
  const programs: Record<string, Program> = {};
  for (const slug of detailSlugs) {
    const program = catalog.find((p) => p.slug === slug);
    if (program) programs[slug] = program;
  }
  return { summaries: catalog.map(summarize), programs };
}

export const catalogSlice = createSlice({
  name: 'catalog',
  initialState,
  reducers: {},
  extraReducers: (builder) => {
    builder.addCase(fetchProgram.fulfilled, (state, action) => {
      state.programs[action.payload.slug] = action.payload;
    });
  },
  selectors: {
    selectSummaries: (state) => state.summaries,
    selectFeatured: (state) => state.summaries.find((p) => p.featured) ?? state.summaries[0],
    selectProgram: (state, slug: string): Program | undefined => state.programs[slug],
    selectIsKnownSlug: (state, slug: string) => state.summaries.some((p) => p.slug === slug),
    selectSummary: (state, slug: string): ProgramSummary | undefined => state.summaries.find((p) => p.slug === slug),
    /**
     * Not launched yet as of `nowMs`, and not carried by this page: client-side navigation shows
     * the coming-soon view (the edge holds the page data back until launch).
     */
    selectIsUpcoming: (state, slug: string, nowMs: number): boolean => {
      const summary = state.summaries.find((p) => p.slug === slug);
      return summary !== undefined && state.programs[slug] === undefined && Date.parse(summary.launchAt) > nowMs;
    },
  },
});

export const { selectSummaries, selectFeatured, selectProgram, selectIsKnownSlug, selectSummary, selectIsUpcoming } = catalogSlice.selectors;
