import { describe, expect, it } from 'vitest';
import type { Journal } from './journal';
import { figuresHtml } from './report-html';

const split = (before: [number, number], during: [number, number], added: number | null) => ({
  before: { plays: 10, p50Ms: before[0], p99Ms: before[1] },
  during: { plays: 8, p50Ms: during[0], p99Ms: during[1] },
  after: { plays: 0, p50Ms: null, p99Ms: null },
  addedP99Ms: added,
});

const figures = (over: Partial<Journal['figures']> = {}): Journal =>
  ({
    figures: {
      playStart: { light: split([400, 900], [700, 1_400], 500), realTv: split([1_200, 2_000], [1_500, 3_500], 1_500) },
      addedP99GoalMs: 1_000,
      replicationLag: { probes: 12, seen: 11, p50Ms: 1_100, maxMs: 1_300 },
      failoverResumes: {
        viewers: 2,
        maxBackSec: 10,
        beyondLag: 1,
        each: [
          { viewer: 'viewer-1', savedBeforeResumeMs: 400, backSec: 10, beyondLag: false },
          { viewer: 'viewer-2', savedBeforeResumeMs: 5_000, backSec: 10, beyondLag: true },
        ],
      },
      signInsDuringFault: { attempts: 6, succeeded: 6, answeredElsewhere: 4 },
      apiTries: { default: 100, primary: 2, secondary: 40, hedges: 5 },
      ...over,
    },
  }) as unknown as Journal;

describe('the report’s section on issue 13’s figures', () => {
  it('gives each population’s play start before/during/after with the added p99 judged against the goal', () => {
    const html = figuresHtml(figures());
    expect(html).toContain('<td>light viewers (HTTP)</td><td>10: 400 ms / 900 ms</td><td>8: 700 ms / 1400 ms</td>');
    expect(html).toContain('+500 ms (met)');
    expect(html).toContain('<td>real players, TV pages</td>');
    expect(html).toContain('+1500 ms (missed)');
    expect(html).not.toContain('real players, web pages');
  });

  it('explains the lag, the failover resumes against it, and the sign-ins, in words', () => {
    const html = figuresHtml(figures());
    expect(html).toContain('<b>1100 ms</b>lag p50');
    expect(html).toContain('<b>11 of 12</b>probes seen');
    expect(html).toContain('2 viewers; the furthest back 10.0 s; 1 further back than the lag explains.');
    expect(html).toContain('further back than the lag explains</td>');
    expect(html).toContain('6 of 6 sign-ins during the fault succeeded, 4 of them answered by the secondary.');
    expect(html).toContain("100 on the default path, 40 on the secondary's pinned path, 2 on the primary's, 5 of them hedges");
  });

  it('says so when nothing was measured', () => {
    const html = figuresHtml(
      figures({
        playStart: {},
        replicationLag: { probes: 0, seen: 0, p50Ms: null, maxMs: null },
        failoverResumes: { viewers: 0, maxBackSec: null, beyondLag: 0, each: [] },
        signInsDuringFault: { attempts: 0, succeeded: 0, answeredElsewhere: 0 },
      }),
    );
    expect(html).toContain('No play reached its first frame.');
    expect(html).toContain('No viewer was resumed by the secondary after saving in the primary.');
    expect(html).toContain('No sign-in was attempted during the fault.');
  });
});
