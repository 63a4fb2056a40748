import {
  comingSoonObjectKey,
  HOME_DATA_PATH,
  listingPageDataPath,
  objectKeyOf,
  pageObjectKey,
  programDataPath,
  programPath,
  summaryDataPath,
} from '@stride/contract/urls';
import { LISTING_PAGE_SIZE } from '../src/shared/content/listing';
import { summarize } from '../src/shared/content/program-summary';
import type { Program } from '../src/shared/content/schema';
import type { CatalogPageContent } from '../src/features/catalog';

/**
 * What shows a program, and so what a change to programs makes the build write again. One rule,
 * used by the incremental build and checked against a full build (incremental-build.test.ts: the
 * same bytes for every object):
 * - a program's own objects: its page and TV page, its coming-soon page and TV twin, its page
 *   data and its summary data;
 * - the home page (web and TV) and its page data: rendered as of the build's instant (its
 *   "newly launched" row and the scheduled launches it carries move with time, and it states the
 *   catalog's size), so every build writes them again;
 * - each later page of "All programs" (`data/listing/<n>.json`) whose positions in catalog order
 *   now hold another program or one whose summary changed; a page past the new end is removed.
 * No other page carries a program: the program pages carry only their own (catalogStateFor), and
 * the shells (watch, account, login, join, activate) and status pages carry none.
 * The same rule from a page's side is programsShownBy: what the build renders each page from.
 */

/** The objects that carry one program and nothing else. */
export function objectsOfProgram(slug: string): string[] {
  const page = objectKeyOf(pageObjectKey(programPath(slug)));
  const comingSoon = objectKeyOf(comingSoonObjectKey(slug));
  return [page, `tv/${page}`, comingSoon, `tv/${comingSoon}`, objectKeyOf(programDataPath(slug)), objectKeyOf(summaryDataPath(slug))];
}

/**
 * The programs each page is rendered from, in catalog order: the whole catalog for a page that
 * lists programs (home), else only the programs the page names (its details and summaries). A
 * page's state holds no other program (catalogStateFor), so it renders the same bytes from these
 * as from the whole catalog (incremental-build.test.ts checks every page), and a program page of
 * a 10,000-program catalog does not scan all 10,000 to find its own (O(n) per page, O(n²) per build).
 */
export function programsShownBy(catalog: readonly Program[]): (page: CatalogPageContent) => readonly Program[] {
  const position = new Map(catalog.map((program, index) => [program.slug, index]));
  return (page) => {
    if (page.listsCatalog) return catalog;
    const shown = new Set<number>();
    for (const slug of [...page.detailSlugs, ...page.summarySlugs]) {
      const index = position.get(slug);
      if (index !== undefined) shown.add(index);
    }
    return [...shown].sort((a, b) => a - b).map((index) => catalog[index] as Program);
  };
}

/** Written by every build: they are rendered as of the build's instant. */
export const HOME_OBJECTS: readonly string[] = ['index.html', 'tv/index.html', objectKeyOf(HOME_DATA_PATH)];

export interface ProgramChanges {
  readonly added: string[];
  readonly edited: string[];
  readonly removed: string[];
}

export interface ObjectsToWrite {
  readonly changes: ProgramChanges;
  /** Object keys to render or write again, in no particular order. */
  readonly write: ReadonlySet<string>;
  /** Object keys the new catalog no longer builds. */
  readonly remove: ReadonlySet<string>;
}

const bySlug = (catalog: readonly Program[]) => new Map(catalog.map((p) => [p.slug, p]));

/** Programs added, edited (any field) and removed between two catalogs, each list sorted. */
export function programChanges(before: readonly Program[], after: readonly Program[]): ProgramChanges {
  const old = bySlug(before);
  const now = bySlug(after);
  const added: string[] = [];
  const edited: string[] = [];
  for (const [slug, program] of now) {
    const previous = old.get(slug);
    if (!previous) added.push(slug);
    else if (JSON.stringify(previous) !== JSON.stringify(program)) edited.push(slug);
  }
  const removed = [...old.keys()].filter((slug) => !now.has(slug));
  return { added: added.sort(), edited: edited.sort(), removed: removed.sort() };
}

/** The listing page (1 onwards) holding a catalog position; page 0 comes with the home page. */
const listingPageOf = (position: number, pageSize: number): number => Math.floor(position / pageSize);

/**
 * The objects to write and remove when the catalog goes from `before` to `after` (both in
 * catalog order, as loadPrograms returns them).
 */
export function objectsShowingChanges(
  before: readonly Program[],
  after: readonly Program[],
  pageSize: number = LISTING_PAGE_SIZE,
): ObjectsToWrite {
  const changes = programChanges(before, after);
  const write = new Set<string>(HOME_OBJECTS);
  const remove = new Set<string>();
  for (const slug of [...changes.added, ...changes.edited]) for (const key of objectsOfProgram(slug)) write.add(key);
  for (const slug of changes.removed) for (const key of objectsOfProgram(slug)) remove.add(key);

  // A listing page shows the summaries at its positions: compare position by position.
  const edited = new Set(changes.edited);
  const summaryText = (program: Program | undefined) => (program === undefined ? undefined : JSON.stringify(summarize(program)));
  const positions = Math.max(before.length, after.length);
  for (let position = pageSize; position < positions; position += 1) {
    const page = listingPageOf(position, pageSize);
    const key = objectKeyOf(listingPageDataPath(page));
    if (write.has(key)) continue;
    const old = before[position];
    const now = after[position];
    if (old?.slug === now?.slug && (!edited.has(now?.slug ?? '') || summaryText(old) === summaryText(now))) continue;
    // A page that now starts past the catalog's end is no longer built.
    if (page * pageSize >= after.length) remove.add(key);
    else write.add(key);
  }
  return { changes, write, remove };
}
