import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
// The web build's own schema: the API accepts exactly the content the site is built from.
import { programSchema, type Poster } from '../../../web/src/shared/content/schema';

/** What the API needs to know of the content catalog (web/content/programs/*.json). */
export interface CatalogWorkout {
  readonly id: string;
  readonly title: string;
  /** The catalog's nominal length; the player measures the stream's own. */
  readonly durationSec: number;
  /** The sample-media folder under /media/ that plays this workout. */
  readonly mediaId: string;
  readonly programSlug: string;
  readonly programTitle: string;
  /** The program's poster (sized, so a list reserves its box before the image loads). */
  readonly poster: Poster;
}

export interface Catalog {
  workout(id: string): CatalogWorkout | undefined;
  /** A program's workouts in order, or undefined for a slug the catalog does not have. */
  workoutsOf(programSlug: string): readonly CatalogWorkout[] | undefined;
}

export class CatalogError extends Error {
  override name = 'CatalogError';
}

/** The one place that maps a workout to its HLS media folder (`/media/<mediaId>/master.m3u8`). */
export function mediaIdFor(workout: CatalogWorkout): string {
  return workout.mediaId;
}

export const hlsPathFor = (workout: CatalogWorkout): string => `/media/${mediaIdFor(workout)}/master.m3u8`;

/** `workouts.2.durationSec`: the zod issue path as a content author would look for it. */
const fieldPath = (issuePath: readonly PropertyKey[]): string => (issuePath.length > 0 ? issuePath.map(String).join('.') : '(file)');

/**
 * Reads and validates every program file in a folder with the web build's schema, plus the
 * build's two cross-file rules (slug = file name, workout ids unique). Synchronous: it runs once
 * at cold start, before the first event. Fails with every problem found, each naming the file
 * and the field, so a bad deploy says all that is wrong at once.
 */
export function loadCatalog(dir: string): Catalog {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch (error) {
    throw new CatalogError(`catalog ${dir}: cannot be read (${(error as Error).message})`);
  }
  if (files.length === 0) throw new CatalogError(`catalog ${dir}: no program files (*.json) found`);

  const problems: string[] = [];
  const workouts = new Map<string, CatalogWorkout>();
  const programs = new Map<string, CatalogWorkout[]>();
  for (const file of files) {
    const where = path.join(dir, file);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(where, 'utf8'));
    } catch (error) {
      problems.push(`${where}: not valid JSON (${(error as Error).message})`);
      continue;
    }
    const parsed = programSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${where}: ${fieldPath(issue.path)}: ${issue.message}`);
      continue;
    }
    const program = parsed.data;
    if (`${program.slug}.json` !== file) {
      problems.push(`${where}: slug: "${program.slug}" must match the file name "${file}"`);
      continue;
    }
    for (const [index, w] of program.workouts.entries()) {
      const other = workouts.get(w.id);
      if (other) {
        problems.push(`${where}: workouts.${index}.id: "${w.id}" is also used by program "${other.programSlug}"`);
        continue;
      }
      const workout: CatalogWorkout = { id: w.id, title: w.title, durationSec: w.durationSec, mediaId: w.mediaId, programSlug: program.slug, programTitle: program.title, poster: program.poster };
      workouts.set(w.id, workout);
      programs.set(program.slug, [...(programs.get(program.slug) ?? []), workout]);
    }
  }
  if (problems.length > 0) throw new CatalogError(`catalog has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  return { workout: (id) => workouts.get(id), workoutsOf: (slug) => programs.get(slug) };
}
