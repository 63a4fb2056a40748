import { describe, expect, it } from 'vitest';
import type { DrillEvent } from './events';
import { failoverResumes, faultWindowOf, percentile, playStartSplit, replicationLag, signInsDuringOutage } from './figures';

const frame = (viewer: string, pressedAt: number, ms: number): DrillEvent => ({
  t: pressedAt + ms,
  type: 'first-frame',
  viewer,
  pressedAt,
});
const fault: DrillEvent[] = [
  { t: 1_000, type: 'fault-applied' },
  { t: 5_000, type: 'fault-removed' },
];

describe('percentile (nearest rank)', () => {
  it('is the smallest value with at least p % at or below it, and null for no values', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile([300, 100, 200], 50)).toBe(200);
    expect(percentile([300, 100, 200], 99)).toBe(300);
    expect(percentile([7], 0)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });
});

describe('playStartSplit', () => {
  it('splits plays by when play was pressed (not when they started), and gives what the fault added to p99', () => {
    const events = [
      ...fault,
      // Each viewer's first play warms up (sign-in, code, the CDN's cache) and is left out.
      frame('viewer-1', 10, 9_000),
      frame('viewer-2', 20, 8_000),
      frame('player-web-1', 30, 7_000),
      frame('viewer-1', 100, 200),
      frame('viewer-2', 500, 300),
      // Pressed before the fault, first frame after it: a "before" play.
      frame('viewer-1', 900, 400),
      frame('viewer-1', 1_000, 900),
      frame('viewer-2', 4_999, 1_500),
      frame('viewer-2', 5_000, 250),
      frame('player-web-1', 2_000, 5_000),
    ];
    const split = playStartSplit(events, faultWindowOf(events), (v) => v.startsWith('viewer-'), true);
    expect(split.before).toEqual({ plays: 3, p50Ms: 300, p99Ms: 400 });
    expect(split.during).toEqual({ plays: 2, p50Ms: 900, p99Ms: 1_500 });
    expect(split.after).toEqual({ plays: 1, p50Ms: 250, p99Ms: 250 });
    expect(split.addedP99Ms).toBe(1_100);
    expect(playStartSplit(events, faultWindowOf(events), (v) => v.startsWith('player-'), true).addedP99Ms).toBeNull();
    // Without the warm-up rule (real players warm up on their own), every play counts.
    expect(playStartSplit(events, faultWindowOf(events), (v) => v.startsWith('player-')).addedP99Ms).toBe(-2_000);
  });

  it('counts everything as before when no fault was applied, and as during while the fault was never removed', () => {
    const plays = [frame('viewer-1', 10, 5_000), frame('viewer-1', 100, 200), frame('viewer-1', 2_000, 700)];
    expect(playStartSplit(plays, null, () => true, true).before.plays).toBe(2);
    const stillOn = [{ t: 1_000, type: 'fault-applied' } as const, ...plays];
    expect(playStartSplit(stillOn, faultWindowOf(stillOn), () => true).during).toEqual({ plays: 1, p50Ms: 700, p99Ms: 700 });
  });
});

describe('replicationLag', () => {
  it('is acknowledged-in-the-primary → seen-in-the-secondary; an unseen probe is counted, not averaged in', () => {
    const probe = (t: number, seenAt: number | null): DrillEvent => ({ t, type: 'replication-probe', sentAt: t - 20, seenAt });
    expect(replicationLag([probe(1_000, 2_100), probe(4_000, 4_900), probe(7_000, 8_400), probe(10_000, null)])).toEqual({
      probes: 4,
      seen: 3,
      p50Ms: 1_100,
      maxMs: 1_400,
    });
    expect(replicationLag([])).toEqual({ probes: 0, seen: 0, p50Ms: null, maxMs: null });
  });
});

describe('failoverResumes', () => {
  const resume = (
    viewer: string,
    t: number,
    region: string,
    positionSec: number,
    lastSave: [number, number, string] | null,
  ): DrillEvent => ({
    t,
    type: 'resume',
    viewer,
    region,
    positionSec,
    lastSave: lastSave && { positionSec: lastSave[0], ackedAt: lastSave[1], region: lastSave[2] },
  });

  it('takes each viewer’s first resume in the secondary during the fault after a save the primary acknowledged', () => {
    const events = [
      ...fault,
      // Saved 800 ms before this resume (younger than the 1 s lag): resumed at the save before it.
      resume('viewer-1', 1_500, 'us-west-1', 50, [60, 700, 'us-east-1']),
      resume('viewer-1', 2_500, 'us-west-1', 70, [80, 2_000, 'us-west-1']),
      // Saved 1.7 s before (older than the lag) and still missing: beyond the lag.
      resume('viewer-2', 1_800, 'us-west-1', 30, [40, 100, 'us-east-1']),
      // Nothing lost.
      resume('viewer-3', 1_900, 'us-west-1', 40, [40, 200, 'us-east-1']),
      // The primary answered (errors scenario): not a failover resume.
      resume('viewer-4', 1_900, 'us-east-1', 40, [40, 200, 'us-east-1']),
      // Before the fault: ignored.
      resume('viewer-5', 900, 'us-west-1', 10, [20, 100, 'us-east-1']),
      // The newest save was the secondary's own: not a replication question.
      resume('viewer-6', 1_900, 'us-west-1', 10, [20, 1_500, 'us-west-1']),
    ];
    expect(failoverResumes(events, faultWindowOf(events), 'us-east-1', 1_000)).toEqual([
      { viewer: 'viewer-1', savedBeforeResumeMs: 800, backSec: 10, beyondLag: false },
      { viewer: 'viewer-2', savedBeforeResumeMs: 1_700, backSec: 10, beyondLag: true },
      { viewer: 'viewer-3', savedBeforeResumeMs: 1_700, backSec: 0, beyondLag: false },
    ]);
    expect(failoverResumes(events, null, 'us-east-1', 1_000)).toEqual([]);
  });
});

describe('signInsDuringOutage', () => {
  it('counts the sign-ins attempted while the fault was on, those that succeeded, and those another region answered', () => {
    const signIn = (t: number, ok: boolean, region: string | null): DrillEvent => ({ t, type: 'sign-in', viewer: 'viewer-1', ok, region });
    const events = [
      ...fault,
      signIn(500, true, 'us-east-1'),
      signIn(1_200, true, 'us-west-1'),
      signIn(2_000, false, null),
      signIn(4_000, true, 'us-east-1'),
      signIn(6_000, true, 'us-east-1'),
    ];
    expect(signInsDuringOutage(events, faultWindowOf(events), 'us-east-1')).toEqual({ attempts: 3, succeeded: 2, answeredElsewhere: 1 });
    expect(signInsDuringOutage(events, null, 'us-east-1')).toEqual({ attempts: 0, succeeded: 0, answeredElsewhere: 0 });
  });
});
