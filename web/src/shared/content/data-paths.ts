/**
 * Where the prerender writes page data and the browser fetches it (client-side navigation).
 * The edge serves `/data/*` as files, applying a program's launch and licence rules to its own.
 */
export const CATALOG_DATA_PATH = '/data/catalog.json';

export const programDataPath = (slug: string): string => `/data/programs/${encodeURIComponent(slug)}.json`;

/** The bucket key of a data path (no leading slash). */
export const dataObjectKey = (dataPath: string): string => dataPath.replace(/^\/+/, '');
