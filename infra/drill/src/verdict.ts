/** The viewers' side of a drill, as counted. */
export interface ViewerCounts {
  readonly plays: number;
  readonly failedPlays: number;
  readonly stalls: number;
  readonly lostWrites: number;
}

/** The other goals, measured during the fault (absent when the drill did not measure them). */
export interface OutageGoals {
  /** Per population (light viewers, real players on web, on TV): what the outage added to the p99 play start, ms. */
  readonly addedP99Ms: readonly { readonly who: string; readonly ms: number | null }[];
  readonly addedP99GoalMs: number;
  /** Sign-ins attempted while the fault was in place, and how many succeeded. */
  readonly signIns: { readonly attempts: number; readonly succeeded: number };
}

export interface SteadyStateCheck {
  readonly held: boolean;
  /** Each condition checked, with what was seen. */
  readonly checks: readonly { readonly name: string; readonly ok: boolean; readonly seen: string }[];
}

export interface Verdict {
  readonly verdict: 'held' | 'deviated';
  /** Why it deviated, in plain words (empty when it held). */
  readonly reasons: readonly string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The hypothesis held when the steady state held before and after, and viewers felt nothing: no
 * failed play, no stall over 2 s, no lost write, plays started during the fault no more than the
 * goal slower at p99 than before it, and every sign-in during the fault succeeded. A drill that stopped early (interrupted, or out
 * of time before the steady state returned) did not show that it held.
 */
export function decideVerdict(input: {
  readonly before: SteadyStateCheck;
  readonly after: SteadyStateCheck | null;
  readonly viewers: ViewerCounts;
  readonly stoppedEarly?: string;
  readonly goals?: OutageGoals;
}): Verdict {
  const reasons: string[] = [];
  if (input.stoppedEarly) reasons.push(`The drill stopped early: ${input.stoppedEarly}.`);
  const failed = (check: SteadyStateCheck) =>
    check.checks
      .filter((c) => !c.ok)
      .map((c) => `${c.name} (${c.seen})`)
      .join('; ');
  if (!input.before.held) reasons.push(`The steady state did not hold before the fault: ${failed(input.before)}.`);
  if (!input.after) reasons.push('The steady state was not checked after the fault.');
  else if (!input.after.held) reasons.push(`The steady state did not return after the fault: ${failed(input.after)}.`);
  const { failedPlays, stalls, lostWrites, plays } = input.viewers;
  if (failedPlays > 0) reasons.push(`${plural(failedPlays, 'play')} of ${plays} failed.`);
  if (stalls > 0) reasons.push(`${plural(stalls, 'stall')} over 2 s.`);
  if (lostWrites > 0)
    reasons.push(`${plural(lostWrites, 'write')} (progress or view milestones) never reached the table of the region serving afterwards.`);
  const goals = input.goals;
  if (goals) {
    for (const { who, ms } of goals.addedP99Ms)
      if (ms !== null && ms > goals.addedP99GoalMs)
        reasons.push(
          `Plays ${who} started during the fault took ${(ms / 1000).toFixed(2)} s longer (p99) than before it; the goal is at most ${(goals.addedP99GoalMs / 1000).toFixed(1)} s.`,
        );
    const { attempts, succeeded } = goals.signIns;
    if (succeeded < attempts) reasons.push(`${attempts - succeeded} of ${plural(attempts, 'sign-in')} during the fault failed.`);
  }
  return { verdict: reasons.length === 0 ? 'held' : 'deviated', reasons };
}

/** Exit status: 0 held, 1 viewers hurt (deviated); 2 is for bad input, decided before a drill runs. */
export const exitCodeFor = (verdict: Verdict): 0 | 1 => (verdict.verdict === 'held' ? 0 : 1);
