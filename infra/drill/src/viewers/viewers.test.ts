import { describe, expect, it } from 'vitest';
import type { ViewerWrite } from './light-viewer';
import { firstVariant, parseMediaPlaylist } from './light-viewer';
import { countLostWrites, playKey, progressKey, realPlayerLostWrites, type RealPlayerWrites } from './lost-writes';
import type { WriteOutcome } from './light-viewer';

const save = (positionSec: number, acked: boolean | WriteOutcome, t: number): ViewerWrite => ({
  kind: 'progress',
  userId: 'u1',
  workoutId: 'w-1',
  positionSec,
  outcome: acked === true ? 'acked' : acked === false ? 'unacked' : acked,
  t,
});
const milestone = (playId: string, m: string, acked: boolean): ViewerWrite => ({
  kind: 'milestone',
  userId: 'u1',
  playId,
  workoutId: 'w-1',
  milestone: m,
  outcome: acked ? 'acked' : 'unacked',
  t: 0,
});
const table = (position: number | undefined, plays: Record<string, string[]> = {}) => ({
  progress: new Map(position === undefined ? [] : [[progressKey('u1', 'w-1'), position]]),
  milestones: new Map(Object.entries(plays).map(([id, ms]) => [playKey('u1', id), new Set(ms)])),
});

describe('countLostWrites', () => {
  it('counts nothing when the table holds the viewer’s last save and every milestone', () => {
    expect(
      countLostWrites(
        [save(10, true, 1), save(20, true, 2), save(30, true, 3), milestone('p1', 'start', true)],
        table(30, { p1: ['start'] }),
      ),
    ).toEqual({ lost: 0, lostProgress: 0, lostMilestones: 0 });
  });

  it('counts a failed save as lost even when a later one landed (it never reached the table)', () => {
    expect(countLostWrites([save(10, true, 1), save(20, false, 2), save(30, true, 3)], table(30)).lostProgress).toBe(1);
    // A save that timed out but landed is what the table holds: not lost.
    expect(countLostWrites([save(10, true, 1), save(20, false, 2)], table(20)).lostProgress).toBe(0);
  });

  it('counts every save after the last one the table reflects (failed, or overwritten by a stale copy)', () => {
    expect(countLostWrites([save(10, true, 1), save(20, true, 2), save(30, false, 3)], table(20)).lostProgress).toBe(1);
    // Last writer wins put back an older position: both later saves are gone.
    expect(countLostWrites([save(10, true, 1), save(20, true, 2), save(30, true, 3)], table(10)).lostProgress).toBe(2);
    expect(countLostWrites([save(10, false, 1)], table(undefined)).lostProgress).toBe(1);
  });

  it('judges a save the outbox replaced with a newer one by that newer one, and counts a refused save', () => {
    expect(countLostWrites([save(10, true, 1), save(20, 'superseded', 2), save(30, true, 3)], table(30)).lostProgress).toBe(0);
    expect(countLostWrites([save(10, true, 1), save(20, 'superseded', 2), save(30, false, 3)], table(10)).lostProgress).toBe(1);
    expect(countLostWrites([save(10, true, 1), save(20, 'rejected', 2)], table(10)).lostProgress).toBe(1);
  });

  it('counts a milestone missing from its play, acknowledged or not', () => {
    expect(
      countLostWrites(
        [milestone('p1', 'start', true), milestone('p1', '25', false), milestone('p2', 'start', true)],
        table(undefined, { p1: ['start'] }),
      ).lostMilestones,
    ).toBe(2);
  });
});

describe('playlists', () => {
  it('finds the first variant and the segments, relative to the playlist', () => {
    const master = '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=145200\n240p/index.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=299200\n480p/index.m3u8\n';
    expect(firstVariant(master, '/media/sample-hiit/master.m3u8')).toBe('/media/sample-hiit/240p/index.m3u8');
    const media = '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nseg0.ts\n#EXTINF:2.0,\nseg1.ts\n#EXT-X-ENDLIST\n';
    expect(parseMediaPlaylist(media, '/media/sample-hiit/240p/index.m3u8')).toEqual({
      segments: ['/media/sample-hiit/240p/seg0.ts', '/media/sample-hiit/240p/seg1.ts'],
      segmentSec: 2,
    });
    expect(firstVariant('#EXTM3U\n', '/m.m3u8')).toBeUndefined();
  });
});

describe('realPlayerLostWrites (the app’s outbox after the drain, and the final save in the table)', () => {
  const player = (
    newestSave: RealPlayerWrites['newestSave'],
    unacknowledged: RealPlayerWrites['unacknowledged'] = [],
  ): RealPlayerWrites => ({
    name: 'player-web-1',
    userId: 'u9',
    workoutId: 'w-1',
    newestSave,
    unacknowledged,
  });
  const stored = (positionSec: number, savedAt: number | null) => () => ({ positionSec, savedAt });

  it('counts nothing when the outbox is empty and the table holds the newest save (or a newer write)', () => {
    expect(realPlayerLostWrites([player({ positionSec: 20, savedAt: 5_000 })], stored(20, 5_000))).toEqual({
      lost: 0,
      unacknowledged: 0,
      notInTable: 0,
    });
    // The drill's own reset for the next play came after it: newer, so nothing was lost.
    expect(realPlayerLostWrites([player({ positionSec: 20, savedAt: 5_000 })], stored(0, 6_000)).lost).toBe(0);
    expect(realPlayerLostWrites([player(null)], () => undefined).lost).toBe(0);
  });

  it('counts every entry left in the outbox once, and the newest save only once when it is still queued', () => {
    const left = [{ kind: 'progress' as const, savedAt: 5_000 }, { kind: 'view' as const }];
    expect(realPlayerLostWrites([player({ positionSec: 20, savedAt: 5_000 }, left)], stored(10, 4_000))).toEqual({
      lost: 2,
      unacknowledged: 2,
      notInTable: 0,
    });
  });

  it('counts a newest save that left the outbox (acknowledged) but is not what the table holds', () => {
    expect(realPlayerLostWrites([player({ positionSec: 20, savedAt: 5_000 })], stored(10, 4_000))).toEqual({
      lost: 1,
      unacknowledged: 0,
      notInTable: 1,
    });
    expect(realPlayerLostWrites([player({ positionSec: 20, savedAt: 5_000 })], () => undefined).notInTable).toBe(1);
  });
});
