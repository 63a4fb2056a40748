import { describe, expect, it } from 'vitest';
import type { DrillEvent } from './events';
import { perSecondSeries } from './series';
import { checkSteadyState } from './steady-state';

const ok = (t: number, region: string): DrillEvent => ({ t, type: 'request', api: true, ok: true, region, status: 200 });

describe('perSecondSeries', () => {
  it('counts API answers by region, failures, plays under way and failed plays per second', () => {
    const events: DrillEvent[] = [
      { t: 1_000, type: 'play-started', viewer: 'a' },
      ok(1_100, 'us-east-1'),
      { t: 1_200, type: 'play-started', viewer: 'b' },
      { t: 2_100, type: 'request', api: true, ok: false, region: 'us-east-1', status: 429 },
      { t: 2_200, type: 'request', api: false, ok: false, region: null, status: 'network' },
      { t: 2_300, type: 'play-failed', viewer: 'b' },
      ok(3_500, 'us-west-1'),
      { t: 3_900, type: 'play-ended', viewer: 'a' },
    ];
    expect(perSecondSeries(events, 1_000, 4_000)).toEqual([
      { t: 0, requestsByRegion: { 'us-east-1': 1 }, errors: 0, playsInProgress: 2, failedPlays: 0 },
      { t: 1, requestsByRegion: { 'us-east-1': 1 }, errors: 2, playsInProgress: 1, failedPlays: 1 },
      { t: 2, requestsByRegion: { 'us-west-1': 1 }, errors: 0, playsInProgress: 0, failedPlays: 0 },
    ]);
  });
});

describe('checkSteadyState', () => {
  const sample = (t: number, primaryHealthy = true): DrillEvent => ({
    t,
    type: 'sample',
    primaryHealthy,
    secondaryHealthy: true,
    dnsAnswer: 'primary',
    viewersResolveTo: 'primary',
    injected: false,
  });

  it('holds over a window of healthy polls and answered requests', () => {
    expect(checkSteadyState([sample(0), ok(10, 'us-east-1'), sample(20)], 0, 30).held).toBe(true);
  });

  it('names what broke it: an unhealthy poll, a failed request, no traffic at all', () => {
    const broken = checkSteadyState(
      [sample(0), sample(5, false), { t: 6, type: 'request', api: true, ok: false, region: 'us-east-1', status: 500 }],
      0,
      10,
    );
    expect(broken.held).toBe(false);
    expect(broken.checks.filter((c) => !c.ok).map((c) => [c.name, c.seen])).toEqual([
      ['the primary’s health check is healthy', '1 unhealthy polls'],
      ['viewers’ requests are answered', '1 of 1 failed'],
    ]);
    expect(checkSteadyState([sample(0)], 0, 10).checks.find((c) => !c.ok)?.name).toBe('viewers’ requests are answered');
  });
});
