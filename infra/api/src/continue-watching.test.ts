import { describe, expect, it } from 'vitest';
import type { ProgressRow } from './activity';
import type { Catalog, CatalogWorkout } from './catalog';
import { continueWatchingItems, isFinished } from './continue-watching';

const poster = { src: '/posters/p.svg', width: 640, height: 360, alt: 'P' };
const release = { launchAtMs: 0, countries: undefined };
const workout = (id: string): CatalogWorkout => ({
  id,
  title: `Title ${id}`,
  durationSec: 1800,
  mediaId: 'm',
  programSlug: 'p',
  programTitle: 'P',
  poster,
  release,
});
const catalog: Catalog = { workout: (id) => (id.startsWith('w-') ? workout(id) : undefined), workoutsOf: () => undefined };
const row = (workoutId: string, positionSec: number, durationSec: number, minute: number): ProgressRow => ({
  workoutId,
  positionSec,
  durationSec,
  updatedAt: new Date(Date.UTC(2026, 10, 22, 6, minute)).toISOString(),
});
const ids = (rows: ProgressRow[], limit?: number) => continueWatchingItems(rows, catalog, limit).map((i) => i.workoutId);

describe('isFinished', () => {
  it('is the last 30 s or from 95 %, whichever comes first', () => {
    // 30-minute workout: 95 % (1710 s) comes before the last 30 s (1770 s).
    expect(isFinished(1709, 1800)).toBe(false);
    expect(isFinished(1710, 1800)).toBe(true);
    // 5-minute workout: the last 30 s (270 s) comes before 95 % (285 s).
    expect(isFinished(269, 300)).toBe(false);
    expect(isFinished(270, 300)).toBe(true);
    // A stream shorter than the tail is always finished.
    expect(isFinished(1, 24)).toBe(true);
  });
});

describe('continueWatchingItems', () => {
  it('orders by last update, newest first, and breaks ties by id', () => {
    expect(ids([row('w-a', 10, 1800, 1), row('w-c', 10, 1800, 3), row('w-b', 10, 1800, 3)])).toEqual(['w-b', 'w-c', 'w-a']);
  });

  it('drops never-started, finished, unknown-workout and malformed rows', () => {
    const rows = [
      row('w-started', 0.5, 1800, 1),
      row('w-zero', 0, 1800, 2),
      row('w-done', 1800, 1800, 3),
      row('gone', 60, 1800, 4),
      row('w-nan', Number.NaN, 1800, 5),
      row('w-noduration', 10, 0, 6),
      { ...row('w-nodate', 10, 1800, 7), updatedAt: null },
    ];
    expect(ids(rows)).toEqual(['w-started']);
  });

  it('keeps the newest 20 unfinished after filtering, not the newest 20 rows', () => {
    const rows = Array.from({ length: 30 }, (_, n) => (n % 3 === 0 ? row(`w-done-${n}`, 1800, 1800, n) : row(`w-${n}`, 60, 1800, n)));
    const kept = ids(rows);
    expect(kept).toHaveLength(20);
    expect(kept[0]).toBe('w-29');
    expect(kept.some((id) => id.startsWith('w-done'))).toBe(false);
    expect(ids(rows, 2)).toEqual(['w-29', 'w-28']);
  });

  it('carries the catalog’s titles, program and poster with the saved position', () => {
    expect(continueWatchingItems([row('w-x', 61, 1800, 0)], catalog)).toEqual([
      {
        workoutId: 'w-x',
        workoutTitle: 'Title w-x',
        programSlug: 'p',
        programTitle: 'P',
        poster,
        positionSec: 61,
        durationSec: 1800,
        updatedAt: '2026-11-22T06:00:00.000Z',
      },
    ]);
  });
});
