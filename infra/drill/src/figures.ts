import type { DrillEvent } from './events';

/**
 * The figures issue 13 is judged by, computed from the drill's recorded events (pure): play-start
 * latency before and during the fault, the replication lag, how far back a failover sent viewers
 * who had saved in the primary, and sign-ins during the outage.
 */

/** The goal: a play started during the outage takes at most this much longer (p99) than one started before. */
export const ADDED_P99_GOAL_MS = 1_000;

/** Nearest-rank percentile (the smallest value with at least p % of the values at or below it); null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? null;
}

/** The window a drill's fault was in place: from fault-applied to fault-removed (null: still on at the end). */
export interface FaultWindow {
  readonly from: number;
  readonly to: number | null;
}

export const faultWindowOf = (events: readonly DrillEvent[]): FaultWindow | null => {
  const from = events.find((e) => e.type === 'fault-applied')?.t;
  if (from === undefined) return null;
  return { from, to: events.find((e) => e.type === 'fault-removed' && e.t >= from)?.t ?? null };
};

export interface StartLatency {
  /** Plays pressed in this window that reached their first frame. */
  readonly plays: number;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
}

export interface PlayStartSplit {
  /** Pressed before the fault (from the start of the counted window). */
  readonly before: StartLatency;
  /** Pressed while the fault was in place. */
  readonly during: StartLatency;
  /** Pressed after the fault was removed (the way back). */
  readonly after: StartLatency;
  /** during.p99 − before.p99: what the outage added to the slowest starts (null when either is unknown). */
  readonly addedP99Ms: number | null;
}

const latency = (values: readonly number[]): StartLatency => ({
  plays: values.length,
  p50Ms: percentile(values, 50),
  p99Ms: percentile(values, 99),
});

/**
 * Play-start latency (press play → first frame) of the plays whose viewer name passes `who`,
 * split by when play was pressed relative to the fault. A play that never started is not in
 * these figures: it is a failed play, counted (and judged) on its own.
 *
 * With `firstPlayWarmsUp`, each viewer's first play is a warm-up and left out: it is the one that
 * signs in, loads the app's code and pulls the stream into the CDN's cache, all of which later
 * plays (and every play during the fault) find ready. Counting it would put cold starts in
 * "before" only, and let a slow fault hide behind them. (Real players warm up with a play of
 * their own that records no first frame, so theirs are all counted.)
 */
export function playStartSplit(
  events: readonly DrillEvent[],
  window: FaultWindow | null,
  who: (viewer: string) => boolean,
  firstPlayWarmsUp = false,
): PlayStartSplit {
  const before: number[] = [];
  const during: number[] = [];
  const after: number[] = [];
  const warmedUp = new Set<string>();
  for (const e of events) {
    if (e.type !== 'first-frame' || !who(e.viewer)) continue;
    if (firstPlayWarmsUp && !warmedUp.has(e.viewer)) {
      warmedUp.add(e.viewer);
      continue;
    }
    const ms = e.t - e.pressedAt;
    if (!window || e.pressedAt < window.from) before.push(ms);
    else if (window.to === null || e.pressedAt < window.to) during.push(ms);
    else after.push(ms);
  }
  const b = latency(before);
  const d = latency(during);
  return { before: b, during: d, after: latency(after), addedP99Ms: b.p99Ms === null || d.p99Ms === null ? null : d.p99Ms - b.p99Ms };
}

export interface ReplicationLag {
  /** Probe writes the primary acknowledged. */
  readonly probes: number;
  /** Of those, how many the secondary showed within the probe's wait. */
  readonly seen: number;
  /** Acknowledged by the primary → first seen in the secondary, ms (upper bounds: the secondary is polled every `pollMs`). */
  readonly p50Ms: number | null;
  readonly maxMs: number | null;
}

/** The replication lag from the probe's events. A probe never seen is reported as unseen, not as a lag. */
export function replicationLag(events: readonly DrillEvent[]): ReplicationLag {
  const probes = events.filter((e): e is Extract<DrillEvent, { type: 'replication-probe' }> => e.type === 'replication-probe');
  const lags = probes.flatMap((p) => (p.seenAt === null ? [] : [Math.max(0, p.seenAt - p.t)]));
  return { probes: probes.length, seen: lags.length, p50Ms: percentile(lags, 50), maxMs: lags.length === 0 ? null : Math.max(...lags) };
}

export interface FailoverResume {
  readonly viewer: string;
  /** How long before this resume the primary acknowledged the viewer's newest save. */
  readonly savedBeforeResumeMs: number;
  /** That save's position minus where the secondary resumed the viewer, s of video (0: nothing lost). */
  readonly backSec: number;
  /**
   * The save was older than the largest replication lag measured yet the secondary did not have
   * it: further back than replication explains.
   */
  readonly beyondLag: boolean;
}

/**
 * For each viewer (or another device of theirs) resumed by another region than the primary once
 * the fault was on, while their newest acknowledged save had been taken by the primary: how far
 * back the resume was, and whether the measured replication lag explains it (a save younger than
 * the lag may not have reached the secondary before the primary died; an older one should have).
 * The first such resume per viewer.
 */
export function failoverResumes(
  events: readonly DrillEvent[],
  window: FaultWindow | null,
  primaryRegion: string,
  lagMaxMs: number | null,
): FailoverResume[] {
  if (!window) return [];
  const found = new Map<string, FailoverResume>();
  for (const e of events) {
    if (e.type !== 'resume' || e.t < window.from || found.has(e.viewer)) continue;
    if (e.region === null || e.region === primaryRegion || !e.lastSave) continue;
    if (e.lastSave.region !== primaryRegion || e.lastSave.ackedAt > e.t) continue;
    const backSec = Math.max(0, Math.round((e.lastSave.positionSec - e.positionSec) * 10) / 10);
    const savedBeforeResumeMs = e.t - e.lastSave.ackedAt;
    found.set(e.viewer, {
      viewer: e.viewer,
      savedBeforeResumeMs,
      backSec,
      beyondLag: backSec > 0 && savedBeforeResumeMs > (lagMaxMs ?? 0),
    });
  }
  return [...found.values()];
}

export interface SignIns {
  /** Sign-in attempts made while the fault was in place. */
  readonly attempts: number;
  readonly succeeded: number;
  /** Of the successes, how many another region than the primary answered. */
  readonly answeredElsewhere: number;
}

export function signInsDuringOutage(events: readonly DrillEvent[], window: FaultWindow | null, primaryRegion: string): SignIns {
  const during = events.filter(
    (e): e is Extract<DrillEvent, { type: 'sign-in' }> =>
      e.type === 'sign-in' && window !== null && e.t >= window.from && (window.to === null || e.t < window.to),
  );
  const ok = during.filter((e) => e.ok);
  return {
    attempts: during.length,
    succeeded: ok.length,
    answeredElsewhere: ok.filter((e) => e.region !== null && e.region !== primaryRegion).length,
  };
}
