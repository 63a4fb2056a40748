/**
 * Which URL names which page, and which object in the site bucket answers it. Every workspace
 * builds these paths from here: the web app's links, the prerender's object keys, the edge's
 * routing, publish's invalidation paths, the API's links.
 */

/** A program's page. */
export const programPath = (slug: string): string => `/programs/${encodeURIComponent(slug)}`;

/** The player's URL for a workout. */
export const watchPath = (workoutId: string): string => `/watch/${encodeURIComponent(workoutId)}`;

/** The sign-in URL that returns to a page (the same `next` form the edge's redirect uses). */
export const loginPathFor = (next: string): string => `/login?next=${encodeURIComponent(next)}`;

/** The TV (10-foot) variant of a page's object lives under this prefix. */
export const TV_PREFIX = '/tv';

const INDEX = '/index.html';

/**
 * The object key (with its leading "/") that answers a canonical page path: `/` → `/index.html`,
 * `/programs/x` → `/programs/x/index.html`; the TV variant under `/tv`.
 */
export function pageObjectKey(pagePath: string, device: 'web' | 'tv' = 'web'): string {
  const base = pagePath === '/' ? INDEX : `${pagePath}${INDEX}`;
  return device === 'tv' ? `${TV_PREFIX}${base}` : base;
}

/** A program's "coming soon" variant, served at its page's URL before launch. */
export const comingSoonObjectKey = (slug: string, device: 'web' | 'tv' = 'web'): string =>
  pageObjectKey(`${programPath(slug)}/coming-soon`, device);

/**
 * The inverse: the page a page object answers (`/programs/x/index.html` → `/programs/x`), or
 * undefined for an object that is not a page. A viewer asking for the object by its key is sent
 * through the page's rules (launch, licence), never served the file around them.
 */
export function pagePathOfObject(objectPath: string): string | undefined {
  if (!objectPath.toLowerCase().endsWith(INDEX)) return undefined;
  return objectPath.slice(0, -INDEX.length) || '/';
}

/** Page data (client-side navigation); the edge applies a program's launch and licence rules to its own. */
export const programDataPath = (slug: string): string => `/data/programs/${encodeURIComponent(slug)}.json`;

/** One program's summary: public before launch and outside a licence (listings show it). */
export const summaryDataPath = (slug: string): string => `/data/summaries/${encodeURIComponent(slug)}.json`;

/** The home page's programs, for client-side navigation home. */
export const HOME_DATA_PATH = '/data/home.json';

/** A later page of "All programs" (page 1 onwards). */
export const listingPageDataPath = (page: number): string => `/data/listing/${page}.json`;

/** The bucket key of a viewer path (no leading slash). */
export const objectKeyOf = (viewerPath: string): string => viewerPath.replace(/^\/+/, '');

/** A workout's HLS master playlist under `/media/<mediaId>/`, and the folder its signed cookies cover. */
export const mediaFolderPath = (mediaId: string): string => `/media/${encodeURIComponent(mediaId)}`;
export const hlsMasterPath = (mediaId: string): string => `${mediaFolderPath(mediaId)}/master.m3u8`;
