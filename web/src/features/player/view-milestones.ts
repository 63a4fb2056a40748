/**
 * Qualified views. A milestone means the viewer actually watched the stream from its start up
 * to that point in this play: seeking ahead does not earn 50 %, and `complete` needs the whole
 * stream played, so the server can count a view as qualified when all five arrive for one play.
 */

import { MILESTONE_SHARE, VIEW_MILESTONES, type ViewMilestone } from '@stride/contract/views';

export type { ViewMilestone };

/** A played stretch of the media timeline, [from, to] in seconds. */
export type Span = [number, number];

/** Larger jumps between two time updates are seeks (or stalls), not playback. */
export const MAX_PLAYED_STEP_SEC = 1.5;

/** Adds a played stretch, keeping the list sorted and merged (touching spans join). */
export function addSpan(spans: readonly Span[], from: number, to: number): Span[] {
  if (!(to > from)) return [...spans];
  const out: Span[] = [];
  let [start, end] = [from, to];
  let placed = false;
  for (const span of spans) {
    if (span[1] < start) out.push(span);
    else if (span[0] > end) {
      if (!placed) {
        out.push([start, end]);
        placed = true;
      }
      out.push(span);
    } else {
      start = Math.min(start, span[0]);
      end = Math.max(end, span[1]);
    }
  }
  if (!placed) out.push([start, end]);
  return out;
}

/** Seconds of [0, untilSec] covered by the played spans. */
export function coveredUntil(spans: readonly Span[], untilSec: number): number {
  let covered = 0;
  for (const [from, to] of spans) {
    if (from >= untilSec) break;
    covered += Math.min(to, untilSec) - from;
  }
  return covered;
}

/**
 * Whether [0, untilSec] was played, allowing the small holes time updates leave (they fire every
 * 250 ms or so, and the first frame is rarely at exactly 0): 2 s or 3 %, whichever is larger.
 */
export function playedFromStart(spans: readonly Span[], untilSec: number): boolean {
  const tolerance = Math.max(2, untilSec * 0.03);
  return coveredUntil(spans, untilSec) >= untilSec - tolerance;
}

export interface MilestoneInput {
  /** Playback has actually started (a `playing` event), not just been requested. */
  readonly started: boolean;
  readonly ended: boolean;
  readonly durationSec: number;
  readonly spans: readonly Span[];
  readonly sent: readonly ViewMilestone[];
}

/** The milestones reached and not yet sent, in order. */
export function dueMilestones(input: MilestoneInput): ViewMilestone[] {
  const due: ViewMilestone[] = [];
  const reached = (m: ViewMilestone): boolean => {
    if (m === 'start') return input.started;
    if (!(input.durationSec > 0) || !input.started) return false;
    if (m === 'complete') return input.ended && playedFromStart(input.spans, input.durationSec);
    return playedFromStart(input.spans, MILESTONE_SHARE[m] * input.durationSec);
  };
  for (const m of VIEW_MILESTONES) {
    if (!reached(m)) break;
    if (!input.sent.includes(m)) due.push(m);
  }
  return due;
}
