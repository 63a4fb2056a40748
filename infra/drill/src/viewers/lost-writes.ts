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
 * - progress saves of one workout form a sequence; the table should hold the newest one. A save
 *   is lost when it was never acknowledged by the end of the drill (still in the outbox after its
 *   drain, or refused) and is not what the table holds, or when it was acknowledged but came after
 *   the last save the table reflects (a stale copy overwrote it). A save a newer one replaced in
 *   the outbox before it was sent (`superseded`) is not a write of its own: the newer one carries
 *   the viewer further, and is judged. An acknowledged save later replaced by a newer one did
 *   reach the table.
 */
export function countLostWrites(
  writes: readonly ViewerWrite[],
  table: TableView,
): { lost: number; lostProgress: number; lostMilestones: number } {
  let lostMilestones = 0;
  const progress = new Map<string, { positionSec: number; acked: boolean }[]>();
  for (const w of [...writes].sort((a, b) => a.t - b.t)) {
    if (w.kind === 'milestone') {
      if (!table.milestones.get(playKey(w.userId, w.playId))?.has(w.milestone)) lostMilestones += 1;
    } else if (w.outcome !== 'superseded') {
      const key = progressKey(w.userId, w.workoutId);
      progress.set(key, [...(progress.get(key) ?? []), { positionSec: w.positionSec, acked: w.outcome === 'acked' }]);
    }
  }
  let lostProgress = 0;
  for (const [key, saves] of progress) {
    const stored = table.progress.get(key);
    const reflected = stored === undefined ? -1 : saves.map((s) => s.positionSec).lastIndexOf(stored);
    saves.forEach((save, i) => {
      if (i > reflected || (i < reflected && !save.acked)) lostProgress += 1;
    });
  }
  return { lost: lostProgress + lostMilestones, lostProgress, lostMilestones };
}
