import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What the API needs to know of the content catalog (web/content/programs/*.json). */
export interface CatalogWorkout {
  readonly id: string;
  readonly programSlug: string;
  readonly title: string;
  /** The sample-media folder under /media/ that plays this workout. */
  readonly mediaId: string;
}

export interface Catalog {
  workout(id: string): CatalogWorkout | undefined;
}

/** The one place that maps a workout to its HLS media folder (`/media/<mediaId>/master.m3u8`). */
export function mediaIdFor(workout: CatalogWorkout): string {
  return workout.mediaId;
}

export const hlsPathFor = (workout: CatalogWorkout): string => `/media/${mediaIdFor(workout)}/master.m3u8`;

/** Reads every program file in a folder; a file that does not parse is an error naming it. */
export function loadCatalog(dir: string): Catalog {
  const workouts = new Map<string, CatalogWorkout>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    let program: { slug?: unknown; workouts?: unknown };
    try {
      program = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as typeof program;
    } catch (error) {
      throw new Error(`catalog file ${file} is not valid JSON: ${(error as Error).message}`);
    }
    if (typeof program.slug !== 'string' || !Array.isArray(program.workouts)) throw new Error(`catalog file ${file} has no slug or workouts`);
    for (const w of program.workouts as { id?: unknown; title?: unknown; mediaId?: unknown }[]) {
      if (typeof w.id !== 'string') continue;
      if (typeof w.mediaId !== 'string' || !/^[a-z0-9-]+$/.test(w.mediaId)) throw new Error(`catalog file ${file}: workout ${w.id} has no valid mediaId`);
      workouts.set(w.id, { id: w.id, programSlug: program.slug, title: String(w.title ?? w.id), mediaId: w.mediaId });
    }
  }
  return { workout: (id) => workouts.get(id) };
}
