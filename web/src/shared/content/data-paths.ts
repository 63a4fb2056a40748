/**
 * Where the prerender writes page data and the browser fetches it (client-side navigation).
 * The edge serves `/data/*` as files, applying a program's launch and licence rules to its own.
 */
/**
 * One program's summary: public before launch and outside a licence (listings show it), for a
 * program page reached from a page that did not carry that program.
 */
export const summaryDataPath = (slug: string): string => `/data/summaries/${encodeURIComponent(slug)}.json`;

/** The home page's programs (what its prerendered state holds), for client-side navigation home. */
export const HOME_DATA_PATH = '/data/home.json';

/** Programs per page of the home page's "All programs": the first comes with the page, the rest on request. */
export const LISTING_PAGE_SIZE = 24;

/** A later page of "All programs" (page 1 onwards). */
export const listingPageDataPath = (page: number): string => `/data/listing/${page}.json`;

export const programDataPath = (slug: string): string => `/data/programs/${encodeURIComponent(slug)}.json`;

/** The bucket key of a data path (no leading slash). */
export const dataObjectKey = (dataPath: string): string => dataPath.replace(/^\/+/, '');
