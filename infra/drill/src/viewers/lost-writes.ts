import type { ViewerWrite } from './light-viewer';

/** What one region's table holds for the viewers' keys, read at the end of the drill. */
export interface TableView {
  /** `${userId} ${workoutId}` → positionSec */
  readonly progress: ReadonlyMap<string, number>;
  /** `${userId} ${playId}` → milestones */
  readonly milestones: ReadonlyMap<string, ReadonlySet<string>>;
}

export const progressKey = (userId: string, workoutId: string) => `${userId} ${workoutId}`;
export const playKey = (userId: string, playId: string) => `${userId} ${playId}`;

/**
 * Writes the viewers made that never reached the table (pure):
 * - a view milestone is lost when its play's set in the table lacks it;
 * - progress saves of one workout are a sequence where only the latest matters: the table should
 *   hold the last save the viewer made; every save after the last one the table reflects is lost
 *   (it failed, or a stale copy overwrote it). A failed save followed by one that landed is not lost.
 */
export function countLostWrites(writes: readonly ViewerWrite[], table: TableView): { lost: number; lostProgress: number; lostMilestones: number } {
  let lostMilestones = 0;
  const progress = new Map<string, number[]>();
  for (const w of [...writes].sort((a, b) => a.t - b.t)) {
    if (w.kind === 'milestone') {
      if (!table.milestones.get(playKey(w.userId, w.playId))?.has(w.milestone)) lostMilestones += 1;
    } else {
      const key = progressKey(w.userId, w.workoutId);
      progress.set(key, [...(progress.get(key) ?? []), w.positionSec]);
    }
  }
  let lostProgress = 0;
  for (const [key, positions] of progress) {
    const stored = table.progress.get(key);
    const reflected = stored === undefined ? -1 : positions.lastIndexOf(stored);
    lostProgress += positions.length - 1 - reflected;
  }
  return { lost: lostProgress + lostMilestones, lostProgress, lostMilestones };
}
