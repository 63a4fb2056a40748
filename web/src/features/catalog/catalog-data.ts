import type { ProgramSummary } from '../../shared/content/program-summary';

// The shapes of the catalog's page data (/data/home.json, /data/listing/<n>.json), shared by the
// slice that stores them and the thunks that fetch them (one home, so the two do not import each other).

/** "All programs" on the home page, as far as it has been loaded: a page at a time, in catalog order. */
export interface ListingState {
  readonly slugs: string[];
  /** Programs in the whole catalog. */
  readonly total: number;
  readonly pageSize: number;
  /** The home page's featured program. */
  readonly featured: string | null;
}

/** What the home page carries of the catalog, and `/data/home.json` holds for client-side navigation. */
export interface HomeData {
  /** In catalog order. */
  readonly summaries: ProgramSummary[];
  readonly listing: ListingState;
}

/** One more page of "All programs" (`/data/listing/<page>.json`, page 1 onwards: page 0 comes with the home page). */
export interface ListingPage {
  readonly page: number;
  readonly summaries: ProgramSummary[];
}
