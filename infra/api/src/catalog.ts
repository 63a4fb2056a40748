import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compileRelease, type ProgramRelease } from '@stride/contract/entitlement';
import { hlsMasterPath } from '@stride/contract/urls';
// The web build's own schema and rules (by package name): the API accepts exactly the content the site is built from.
import type { Poster } from '@stride/web/content/schema';
import { validatePrograms } from '@stride/web/content/validate-programs';

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
  /** The program's launch and licence, as the entitlement rule reads them. */
  readonly release: ProgramRelease;
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

export const hlsPathFor = (workout: CatalogWorkout): string => hlsMasterPath(mediaIdFor(workout));

/**
 * Reads and validates every program file in a folder by the web build's rules (the same schema,
 * slug = file name, workout ids unique). Synchronous: it runs once at cold start, before the
 * first event. Fails with every problem found, each naming the file and the field, so a bad
 * deploy says all that is wrong at once.
 */
export function loadCatalog(dir: string): Catalog {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch (error) {
    throw new CatalogError(`catalog ${dir}: cannot be read (${(error as Error).message})`);
  }
  if (names.length === 0) throw new CatalogError(`catalog ${dir}: no program files (*.json) found`);
  return compileCatalog(names.map((name) => ({ name, where: path.join(dir, name), text: readFileSync(path.join(dir, name), 'utf8') })));
}

/** The catalog of program files (a folder's, or a release's), by the web build's rules; every problem named at once. */
export function compileCatalog(files: readonly { readonly name: string; readonly where: string; readonly text: string }[]): Catalog {
  const { programs, problems } = validatePrograms([...files]);
  if (problems.length > 0) throw new CatalogError(`catalog has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);

  const workouts = new Map<string, CatalogWorkout>();
  const byProgram = new Map<string, CatalogWorkout[]>();
  for (const program of programs) {
    const release = compileRelease(program.launchAt, program.countries);
    const list = program.workouts.map((w): CatalogWorkout => ({
      id: w.id,
      title: w.title,
      durationSec: w.durationSec,
      mediaId: w.mediaId,
      programSlug: program.slug,
      programTitle: program.title,
      poster: program.poster,
      release,
    }));
    for (const workout of list) workouts.set(workout.id, workout);
    byProgram.set(program.slug, list);
  }
  return { workout: (id) => workouts.get(id), workoutsOf: (slug) => byProgram.get(slug) };
}
