import type { ContinueWatchingItem, WorkoutProgressItem } from '@stride/contract/api-shapes';
import type { ProgressRow } from './activity';
import type { Catalog, CatalogWorkout } from './catalog';

/** How many workouts "Continue watching" lists at most. */
export const CONTINUE_WATCHING_LIMIT = 20;

/** A workout counts as finished in its last 30 s (the cool-down) or past 95 % of it. */
export const FINISHED_TAIL_SEC = 30;
export const FINISHED_FRACTION = 0.95;

/**
 * Judged on the saved duration, not the catalog's nominal one: both numbers come from the same
 * media timeline. (A stream shorter than the 30 s tail, like the 24 s local samples, is always
 * finished.)
 */
export function isFinished(positionSec: number, durationSec: number): boolean {
  return positionSec >= durationSec - FINISHED_TAIL_SEC || positionSec >= durationSec * FINISHED_FRACTION;
}

/** A row a list shows at all: played past 0, on a measured timeline, saved at a known time. */
function isStarted(row: ProgressRow): row is ProgressRow & { updatedAt: string } {
  return row.positionSec > 0 && row.durationSec > 0 && row.updatedAt !== null;
}

/**
 * The viewer's unfinished workouts, most recently watched first: never-started (position 0) and
 * finished ones are left out, and so are rows of workouts the catalog no longer has (a program
 * taken down keeps its viewers' rows, which must not surface as dead links).
 */
export function continueWatchingItems(
  rows: readonly ProgressRow[],
  catalog: Catalog,
  limit = CONTINUE_WATCHING_LIMIT,
): ContinueWatchingItem[] {
  const items: ContinueWatchingItem[] = [];
  for (const row of rows) {
    if (!isStarted(row) || isFinished(row.positionSec, row.durationSec)) continue;
    const { positionSec, durationSec, updatedAt } = row;
    const workout = catalog.workout(row.workoutId);
    if (!workout) continue;
    items.push({
      workoutId: workout.id,
      workoutTitle: workout.title,
      programSlug: workout.programSlug,
      programTitle: workout.programTitle,
      poster: workout.poster,
      positionSec,
      durationSec,
      updatedAt,
    });
  }
  // ISO 8601 UTC timestamps sort as strings; the id breaks ties so the order is stable.
  items.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.workoutId.localeCompare(b.workoutId));
  return items.slice(0, limit);
}

/**
 * The viewer's progress in one program's workouts, in the program's order: finished ones
 * included (a program page marks them), never-started ones left out.
 */
export function programProgressItems(rows: readonly ProgressRow[], workouts: readonly CatalogWorkout[]): WorkoutProgressItem[] {
  const byWorkout = new Map(rows.map((row) => [row.workoutId, row]));
  const items: WorkoutProgressItem[] = [];
  for (const workout of workouts) {
    const row = byWorkout.get(workout.id);
    if (!row || !isStarted(row)) continue;
    items.push({
      workoutId: workout.id,
      positionSec: row.positionSec,
      durationSec: row.durationSec,
      finished: isFinished(row.positionSec, row.durationSec),
      updatedAt: row.updatedAt,
    });
  }
  return items;
}
