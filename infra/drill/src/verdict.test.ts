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

describe('decideVerdict: the outage goals (issue 13)', () => {
  const goals = (addedP99Ms: (number | null)[], attempts: number, succeeded: number) => ({
    addedP99Ms: addedP99Ms.map((ms, i) => ({
      who: ['by light viewers', 'by real players on web pages', 'by real players on TV pages'][i] ?? '',
      ms,
    })),
    addedP99GoalMs: 1_000,
    signIns: { attempts, succeeded },
  });

  it('holds when the added p99 is at most the goal for every population and every sign-in during the fault succeeded', () => {
    expect(decideVerdict({ before: held, after: held, viewers: unhurt, goals: goals([1_000, -200, null], 4, 4) })).toEqual({
      verdict: 'held',
      reasons: [],
    });
  });

  it('deviates, naming the population, when a start got slower by more than the goal, or a sign-in failed', () => {
    expect(decideVerdict({ before: held, after: held, viewers: unhurt, goals: goals([1_001, 300, 2_500], 3, 1) }).reasons).toEqual([
      'Plays by light viewers started during the fault took 1.00 s longer (p99) than before it; the goal is at most 1.0 s.',
      'Plays by real players on TV pages started during the fault took 2.50 s longer (p99) than before it; the goal is at most 1.0 s.',
      '2 of 3 sign-ins during the fault failed.',
    ]);
  });
});
