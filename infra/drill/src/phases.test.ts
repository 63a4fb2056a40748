import { describe, expect, it } from 'vitest';
import type { DrillEvent } from './events';
import { detectPhases, durations } from './phases';

const sample = (t: number, over: Partial<Extract<DrillEvent, { type: 'sample' }>> = {}): DrillEvent => ({
  t,
  type: 'sample',
  primaryHealthy: true,
  secondaryHealthy: true,
  dnsAnswer: 'primary',
  viewersResolveTo: 'primary',
  injected: false,
  ...over,
});
const request = (t: number, ok: boolean, region: string | null): DrillEvent => ({
  t,
  type: 'request',
  api: true,
  ok,
  region,
  status: ok ? 200 : 429,
});

/** A region kill as the drill sees it, second by second. */
const regionKill: DrillEvent[] = [
  sample(0),
  request(500, true, 'us-east-1'),
  { t: 1_000, type: 'fault-applied' },
  sample(1_200, { injected: true }),
  request(1_500, false, 'us-east-1'),
  sample(4_000, { injected: true, primaryHealthy: false, dnsAnswer: 'secondary' }),
  request(5_000, false, 'us-east-1'),
  sample(7_000, { injected: true, primaryHealthy: false, dnsAnswer: 'secondary', viewersResolveTo: 'secondary' }),
  request(7_100, true, 'us-west-1'),
  { t: 10_000, type: 'fault-removed' },
  sample(10_500, { primaryHealthy: false, dnsAnswer: 'secondary', viewersResolveTo: 'secondary' }),
  sample(12_000, { dnsAnswer: 'primary', viewersResolveTo: 'secondary' }),
  sample(14_000),
  request(14_100, true, 'us-east-1'),
];

describe('detectPhases', () => {
  it('names every phase of a region kill at the moment it was first observed, in time order', () => {
    expect(detectPhases(regionKill, 'us-east-1')).toEqual([
      { name: 'fault-applied', at: 1_000 },
      { name: 'first-viewer-error', at: 1_500 },
      { name: 'health-check-unhealthy', at: 4_000 },
      { name: 'dns-flipped', at: 7_000 },
      { name: 'first-success-elsewhere', at: 7_100 },
      { name: 'fault-removed', at: 10_000 },
      { name: 'dns-back', at: 14_000 },
      { name: 'steady-again', at: 14_000 },
    ]);
  });

  it('omits phases that did not happen (a partial fault that never fails over) rather than inventing them', () => {
    const partial: DrillEvent[] = [
      sample(0),
      { t: 1_000, type: 'fault-applied' },
      request(1_100, false, 'us-east-1'),
      request(1_200, true, 'us-east-1'),
      sample(2_000, { injected: true }),
      { t: 5_000, type: 'fault-removed' },
      sample(5_500),
    ];
    expect(detectPhases(partial, 'us-east-1').map((p) => p.name)).toEqual([
      'fault-applied',
      'first-viewer-error',
      'fault-removed',
      'steady-again',
    ]);
  });

  it('ignores what happened before the fault, and gives nothing without one', () => {
    const early: DrillEvent[] = [request(10, false, 'us-east-1'), sample(20, { primaryHealthy: false }), request(30, true, 'us-west-1')];
    expect(detectPhases(early, 'us-east-1')).toEqual([]);
    expect(detectPhases([...early, { t: 100, type: 'fault-applied' }], 'us-east-1')).toEqual([{ name: 'fault-applied', at: 100 }]);
  });

  it('does not call a poll with the fault still in place steady', () => {
    const stillInjected: DrillEvent[] = [
      { t: 0, type: 'fault-applied' },
      { t: 1, type: 'fault-removed' },
      sample(2, { injected: true }),
      sample(3, { secondaryHealthy: false }),
    ];
    expect(detectPhases(stillInjected, 'us-east-1').map((p) => p.name)).not.toContain('steady-again');
  });
});

describe('durations', () => {
  it('measures detection, DNS flip, failure window, the way back and the return to steady', () => {
    const phases = detectPhases(regionKill, 'us-east-1');
    expect(durations(phases, regionKill)).toEqual({
      timeToDetectMs: 3_000,
      timeToDnsFlipMs: 6_000,
      failureWindowMs: 3_500,
      wayBackMs: 4_000,
      timeToSteadyMs: 4_000,
    });
  });

  it('gives null for what was not observed', () => {
    const events: DrillEvent[] = [{ t: 0, type: 'fault-applied' }, request(5, true, 'us-east-1')];
    expect(durations(detectPhases(events, 'us-east-1'), events)).toEqual({
      timeToDetectMs: null,
      timeToDnsFlipMs: null,
      failureWindowMs: null,
      wayBackMs: null,
      timeToSteadyMs: null,
    });
  });
});
