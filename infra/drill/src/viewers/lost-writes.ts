import type { ViewerWrite } from './light-viewer';

/** What one region's table holds for the viewers' keys, read at the end of the drill. */
export interface TableView {
  /** `${userId} ${workoutId}` → positionSec */
  readonly progress: ReadonlyMap<string, number>;
  /** `${userId} ${workoutId}` → the stored save's savedAt (absent for a save without one). */
  readonly progressSavedAt?: ReadonlyMap<string, number>;
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

/** What a real player's writes came to, for the lost-write count after the drill (see `realPlayerLostWrites`). */
export interface RealPlayerWrites {
  readonly name: string;
  readonly userId: string;
  readonly workoutId: string;
  /** The newest progress save the app sent (its PUT as the page issued it, any route), by savedAt. */
  readonly newestSave: { readonly positionSec: number; readonly savedAt: number } | null;
  /** The app's outbox entries still in the page's localStorage after the drain: never acknowledged. */
  readonly unacknowledged: readonly OutboxSnapshotEntry[];
}

/** One pending entry of the app's outbox as read from localStorage (only what the count needs). */
export interface OutboxSnapshotEntry {
  readonly kind: 'progress' | 'view' | 'other';
  readonly savedAt?: number;
}

/**
 * Lost writes of the real players (pure), counted exactly:
 * - every entry still in a page's outbox after the final drain was never acknowledged by any
 *   region: lost, one each (the app keeps every write there until a region answers 2xx, and the
 *   entry survives navigations, so a save made on leaving the player, by keepalive or beacon, is
 *   either acknowledged or still there; nothing the drill did not observe is guessed at);
 * - and the server side: the serving region's table must hold the newest save the app sent (its
 *   savedAt or a later one). If it holds an older one although that save left the outbox
 *   (acknowledged), the acknowledgement was not worth it: one more lost write.
 * The earlier attempt counted every save whose answer the page never showed (keepalive requests
 * at close) as lost; those are exactly the ones the outbox settles, so they are no longer guessed.
 */
export function realPlayerLostWrites(
  players: readonly RealPlayerWrites[],
  table: (userId: string, workoutId: string) => { readonly positionSec: number; readonly savedAt: number | null } | undefined,
): { lost: number; unacknowledged: number; notInTable: number } {
  let unacknowledged = 0;
  let notInTable = 0;
  for (const p of players) {
    unacknowledged += p.unacknowledged.length;
    const newest = p.newestSave;
    if (!newest) continue;
    const stillQueued = p.unacknowledged.some((e) => e.kind === 'progress' && (e.savedAt ?? 0) >= newest.savedAt);
    const stored = table(p.userId, p.workoutId);
    if (!stillQueued && (stored?.savedAt ?? -1) < newest.savedAt) notInTable += 1;
  }
  return { lost: unacknowledged + notInTable, unacknowledged, notInTable };
}
