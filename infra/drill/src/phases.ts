import { isRequest, isSample, type DrillEvent } from './events';

export const PHASE_NAMES = [
  'fault-applied',
  'first-viewer-error',
  'health-check-unhealthy',
  'dns-flipped',
  'first-success-elsewhere',
  'fault-removed',
  'dns-back',
  'steady-again',
] as const;
export type PhaseName = (typeof PHASE_NAMES)[number];

export interface Phase {
  readonly name: PhaseName;
  /** Epoch milliseconds. */
  readonly at: number;
}

/**
 * The phases that happened, from the drill's events (pure). Only phases that were observed are
 * returned, in time order; none is invented:
 * - fault-applied / fault-removed: the drill's own actions;
 * - first-viewer-error: the first failed viewer request after the fault;
 * - health-check-unhealthy: the first poll after the fault where the primary's check is unhealthy;
 * - dns-flipped: the first poll after the fault where the viewers' resolver answers the secondary;
 * - first-success-elsewhere: the first API answer from another region than the primary after the fault;
 * - dns-back: after the fault is removed, the first poll where the viewers' resolver is back on the
 *   primary, when it had flipped;
 * - steady-again: after the fault is removed, the first poll where both checks are healthy, the
 *   viewers resolve to the primary and nothing is injected.
 */
export function detectPhases(events: readonly DrillEvent[], primaryRegion: string): Phase[] {
  const sorted = [...events].sort((a, b) => a.t - b.t);
  const applied = sorted.find((e) => e.type === 'fault-applied')?.t;
  if (applied === undefined) return [];
  const removed = sorted.find((e) => e.type === 'fault-removed' && e.t >= applied)?.t;
  const after = (t: number) => sorted.filter((e) => e.t >= t);
  const during = after(applied);
  const samples = during.filter(isSample);
  const requests = during.filter(isRequest);

  const phases: Phase[] = [{ name: 'fault-applied', at: applied }];
  const push = (name: PhaseName, at: number | undefined) => {
    if (at !== undefined) phases.push({ name, at });
  };
  push('first-viewer-error', requests.find((r) => !r.ok)?.t);
  push('health-check-unhealthy', samples.find((s) => !s.primaryHealthy)?.t);
  const flipped = samples.find((s) => s.viewersResolveTo === 'secondary')?.t;
  push('dns-flipped', flipped);
  push('first-success-elsewhere', requests.find((r) => r.ok && r.api && r.region !== null && r.region !== primaryRegion)?.t);
  if (removed !== undefined) {
    push('fault-removed', removed);
    const later = after(removed).filter(isSample);
    if (flipped !== undefined) push('dns-back', later.find((s) => s.viewersResolveTo === 'primary')?.t);
    push('steady-again', later.find((s) => s.primaryHealthy && s.secondaryHealthy && s.viewersResolveTo !== 'secondary' && !s.injected)?.t);
  }
  return phases.sort((a, b) => a.at - b.at);
}

export interface Durations {
  /** fault-applied → health-check-unhealthy. */
  readonly timeToDetectMs: number | null;
  /** fault-applied → dns-flipped (the viewers' resolver on the secondary). */
  readonly timeToDnsFlipMs: number | null;
  /** first to last failed viewer request after the fault (0 for a single failure; null for none). */
  readonly failureWindowMs: number | null;
  /** fault-removed → dns-back. */
  readonly wayBackMs: number | null;
  /** fault-removed → steady-again. */
  readonly timeToSteadyMs: number | null;
}

export function durations(phases: readonly Phase[], events: readonly DrillEvent[]): Durations {
  const at = (name: PhaseName) => phases.find((p) => p.name === name)?.at;
  const between = (from: PhaseName, to: PhaseName) => {
    const a = at(from);
    const b = at(to);
    return a === undefined || b === undefined ? null : b - a;
  };
  const applied = at('fault-applied');
  const failures =
    applied === undefined
      ? []
      : events
          .filter(isRequest)
          .filter((r) => !r.ok && r.t >= applied)
          .map((r) => r.t);
  return {
    timeToDetectMs: between('fault-applied', 'health-check-unhealthy'),
    timeToDnsFlipMs: between('fault-applied', 'dns-flipped'),
    failureWindowMs: failures.length === 0 ? null : Math.max(...failures) - Math.min(...failures),
    wayBackMs: between('fault-removed', 'dns-back'),
    timeToSteadyMs: between('fault-removed', 'steady-again'),
  };
}
