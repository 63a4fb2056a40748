/** The viewers' side of a drill, as counted. */
export interface ViewerCounts {
  readonly plays: number;
  readonly failedPlays: number;
  readonly stalls: number;
  readonly lostWrites: number;
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
 * failed play, no stall over 2 s, no lost write. A drill that stopped early (interrupted, or out
 * of time before the steady state returned) did not show that it held.
 */
export function decideVerdict(input: {
  readonly before: SteadyStateCheck;
  readonly after: SteadyStateCheck | null;
  readonly viewers: ViewerCounts;
  readonly stoppedEarly?: string;
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
  return { verdict: reasons.length === 0 ? 'held' : 'deviated', reasons };
}

/** Exit status: 0 held, 1 viewers hurt (deviated); 2 is for bad input, decided before a drill runs. */
export const exitCodeFor = (verdict: Verdict): 0 | 1 => (verdict.verdict === 'held' ? 0 : 1);
