/**
 * Spatial focus for a D-pad: given where focus is, where the other focusable elements are, and
 * an arrow, which element the arrow means. Pure (rectangles in, index out) so it is tested
 * without a browser. The rules are Android's FocusFinder, which TV remotes have been judged
 * against for years:
 *
 * 1. A candidate must lie in the direction: it starts beyond the source's leading edge and
 *    reaches past it (for Right: its left edge is right of the source's left edge, its right
 *    edge right of the source's right edge).
 * 2. A candidate in the source's "beam" (overlapping it across the direction of travel: the same
 *    row for Left/Right, the same column for Up/Down) beats one outside it; for Up/Down only if
 *    it is no farther away than the other's far edge, so a short hop sideways wins over a long
 *    trip down the column.
 * 3. Otherwise the nearer wins, distance along the direction weighing 13× the square of the
 *    offset across it.
 */

export type Direction = 'up' | 'down' | 'left' | 'right';

/** A box in one coordinate space (e.g. getBoundingClientRect: viewport pixels, y down). */
export interface Rect {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

const horizontal = (d: Direction): boolean => d === 'left' || d === 'right';

function isCandidate(d: Direction, src: Rect, dest: Rect): boolean {
  switch (d) {
    case 'left':
      return (src.right > dest.right || src.left >= dest.right) && src.left > dest.left;
    case 'right':
      return (src.left < dest.left || src.right <= dest.left) && src.right < dest.right;
    case 'up':
      return (src.bottom > dest.bottom || src.top >= dest.bottom) && src.top > dest.top;
    case 'down':
      return (src.top < dest.top || src.bottom <= dest.top) && src.bottom < dest.bottom;
  }
}

/** Overlap across the direction of travel. */
function inBeam(d: Direction, src: Rect, dest: Rect): boolean {
  return horizontal(d) ? dest.bottom > src.top && dest.top < src.bottom : dest.right > src.left && dest.left < src.right;
}

/** Entirely beyond the source's edge in the direction. */
function isBeyond(d: Direction, src: Rect, dest: Rect): boolean {
  switch (d) {
    case 'left':
      return src.left >= dest.right;
    case 'right':
      return src.right <= dest.left;
    case 'up':
      return src.top >= dest.bottom;
    case 'down':
      return src.bottom <= dest.top;
  }
}

/** Gap from the source's leading edge to the candidate's near edge (0 when they overlap). */
function majorDistance(d: Direction, src: Rect, dest: Rect): number {
  const raw =
    d === 'left'
      ? src.left - dest.right
      : d === 'right'
        ? dest.left - src.right
        : d === 'up'
          ? src.top - dest.bottom
          : dest.top - src.bottom;
  return Math.max(0, raw);
}

/** From the source's leading edge to the candidate's far edge (at least 1). */
function majorDistanceToFarEdge(d: Direction, src: Rect, dest: Rect): number {
  const raw =
    d === 'left'
      ? src.left - dest.left
      : d === 'right'
        ? dest.right - src.right
        : d === 'up'
          ? src.top - dest.top
          : dest.bottom - src.bottom;
  return Math.max(1, raw);
}

/** Offset between centres across the direction of travel. */
function minorDistance(d: Direction, src: Rect, dest: Rect): number {
  return horizontal(d)
    ? Math.abs((src.top + src.bottom) / 2 - (dest.top + dest.bottom) / 2)
    : Math.abs((src.left + src.right) / 2 - (dest.left + dest.right) / 2);
}

function beamBeats(d: Direction, src: Rect, a: Rect, b: Rect): boolean {
  if (inBeam(d, src, b) || !inBeam(d, src, a)) return false;
  if (!isBeyond(d, src, b) || horizontal(d)) return true;
  return majorDistance(d, src, a) < majorDistanceToFarEdge(d, src, b);
}

const weighted = (d: Direction, src: Rect, dest: Rect): number => {
  const major = majorDistance(d, src, dest);
  const minor = minorDistance(d, src, dest);
  return 13 * major * major + minor * minor;
};

/** Whether `a` is a better target than the current best `b`. */
function isBetter(d: Direction, src: Rect, a: Rect, b: Rect): boolean {
  if (beamBeats(d, src, a, b)) return true;
  if (beamBeats(d, src, b, a)) return false;
  return weighted(d, src, a) < weighted(d, src, b);
}

/**
 * The index in `candidates` the arrow moves focus to, or undefined when nothing lies that way.
 * The source itself must not be among the candidates. Ties go to the earlier candidate (document
 * order, when the caller lists elements in document order).
 */
export function pickTarget(from: Rect, candidates: readonly Rect[], direction: Direction): number | undefined {
  let best: number | undefined;
  candidates.forEach((rect, index) => {
    if (!isCandidate(direction, from, rect)) return;
    const current = best === undefined ? undefined : candidates[best];
    if (current === undefined || isBetter(direction, from, rect, current)) best = index;
  });
  return best;
}
