import { describe, expect, it } from 'vitest';
import { addSpan, coveredUntil, dueMilestones, playedFromStart, type Span } from './view-milestones';

/** Time updates every 0.25 s from `from` to `to`, as a playing <video> produces them. */
const play = (spans: Span[], from: number, to: number): Span[] => {
  let out = spans;
  for (let t = from; t < to; t += 0.25) out = addSpan(out, t, Math.min(to, t + 0.25));
  return out;
};

describe('addSpan', () => {
  it('merges overlapping and touching spans and keeps them sorted', () => {
    expect(addSpan([], 0, 1)).toEqual([[0, 1]]);
    expect(addSpan([[0, 1]], 1, 2)).toEqual([[0, 2]]);
    expect(
      addSpan(
        [
          [0, 1],
          [5, 6],
        ],
        2,
        3,
      ),
    ).toEqual([
      [0, 1],
      [2, 3],
      [5, 6],
    ]);
    expect(
      addSpan(
        [
          [0, 1],
          [5, 6],
        ],
        0.5,
        5.5,
      ),
    ).toEqual([[0, 6]]);
    expect(addSpan([[5, 6]], 1, 2)).toEqual([
      [1, 2],
      [5, 6],
    ]);
  });
  it('ignores empty or backwards spans', () => {
    expect(addSpan([[0, 1]], 3, 3)).toEqual([[0, 1]]);
    expect(addSpan([[0, 1]], 3, 2)).toEqual([[0, 1]]);
  });
});

describe('coverage', () => {
  it('counts only the part before the limit', () => {
    expect(
      coveredUntil(
        [
          [0, 10],
          [20, 30],
        ],
        25,
      ),
    ).toBe(15);
    expect(coveredUntil([[0, 10]], 5)).toBe(5);
  });
  it('tolerates small holes but not a skipped stretch', () => {
    expect(playedFromStart([[0.3, 24]], 24)).toBe(true);
    expect(
      playedFromStart(
        [
          [0, 5],
          [15, 24],
        ],
        24,
      ),
    ).toBe(false);
  });
});

describe('dueMilestones', () => {
  const base = { started: true, ended: false, durationSec: 100, spans: [] as Span[], sent: [] as never[] };

  it('sends nothing before playback starts', () => {
    expect(dueMilestones({ ...base, started: false })).toEqual([]);
  });

  it('sends start, then each quartile as it is watched from the start, then complete at the end', () => {
    expect(dueMilestones(base)).toEqual(['start']);
    let spans = play([], 0, 26);
    expect(dueMilestones({ ...base, spans, sent: ['start'] })).toEqual(['25']);
    spans = play(spans, 26, 76);
    expect(dueMilestones({ ...base, spans, sent: ['start', '25'] })).toEqual(['50', '75']);
    spans = play(spans, 76, 100);
    expect(dueMilestones({ ...base, spans, sent: ['start', '25', '50', '75'] })).toEqual([]);
    expect(dueMilestones({ ...base, spans, ended: true, sent: ['start', '25', '50', '75'] })).toEqual(['complete']);
  });

  it('does not credit a seek ahead: skipping to the end earns neither quartiles nor complete', () => {
    const spans = play(play([], 0, 10), 90, 100);
    expect(dueMilestones({ ...base, spans, ended: true, sent: ['start'] })).toEqual([]);
  });

  it('a play resumed in the middle does not count the part it skipped', () => {
    const spans = play([], 40, 100);
    expect(dueMilestones({ ...base, spans, ended: true })).toEqual(['start']);
  });

  it('needs a known duration for quartiles', () => {
    expect(dueMilestones({ ...base, durationSec: 0, spans: play([], 0, 50) })).toEqual(['start']);
  });

  it('never repeats a sent milestone', () => {
    const spans = play([], 0, 100);
    expect(dueMilestones({ ...base, spans, ended: true, sent: ['start', '25', '50', '75', 'complete'] })).toEqual([]);
  });
});
