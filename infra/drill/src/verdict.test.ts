import { describe, expect, it } from 'vitest';
import { decideVerdict, exitCodeFor, type SteadyStateCheck } from './verdict';

const held: SteadyStateCheck = {
  held: true,
  checks: [{ name: 'the primary’s health check is healthy', ok: true, seen: '0 unhealthy polls' }],
};
const broken: SteadyStateCheck = {
  held: false,
  checks: [{ name: 'the primary’s health check is healthy', ok: false, seen: '3 unhealthy polls' }],
};
const unhurt = { plays: 10, failedPlays: 0, stalls: 0, lostWrites: 0 };

describe('decideVerdict', () => {
  it('holds when the steady state held before and after and viewers felt nothing (exit 0)', () => {
    const v = decideVerdict({ before: held, after: held, viewers: unhurt });
    expect(v).toEqual({ verdict: 'held', reasons: [] });
    expect(exitCodeFor(v)).toBe(0);
  });

  it.each([
    [{ ...unhurt, failedPlays: 3 }, '3 plays of 10 failed.'],
    [{ ...unhurt, failedPlays: 1 }, '1 play of 10 failed.'],
    [{ ...unhurt, stalls: 2 }, '2 stalls over 2 s.'],
    [{ ...unhurt, lostWrites: 1 }, '1 write (progress or view milestones) never reached the table of the region serving afterwards.'],
  ])('deviates when viewers were hurt: %j (exit 1)', (viewers, reason) => {
    const v = decideVerdict({ before: held, after: held, viewers });
    expect(v).toEqual({ verdict: 'deviated', reasons: [reason] });
    expect(exitCodeFor(v)).toBe(1);
  });

  it('deviates, naming what failed, when the steady state did not hold or return, or the drill stopped early', () => {
    expect(decideVerdict({ before: broken, after: null, viewers: unhurt }).reasons).toEqual([
      'The steady state did not hold before the fault: the primary’s health check is healthy (3 unhealthy polls).',
      'The steady state was not checked after the fault.',
    ]);
    expect(decideVerdict({ before: held, after: broken, viewers: unhurt, stoppedEarly: 'interrupted (SIGINT)' }).reasons).toEqual([
      'The drill stopped early: interrupted (SIGINT).',
      'The steady state did not return after the fault: the primary’s health check is healthy (3 unhealthy polls).',
    ]);
  });
});
