import { describe, expect, it } from 'vitest';
import { pickTarget, type Direction, type Rect } from './spatial';

const box = (left: number, top: number, width: number, height: number): Rect => ({ left, top, right: left + width, bottom: top + height });

/** A 3×3 grid of 100×60 cards, 20 px apart, in reading order: cell(r, c). */
const cell = (row: number, col: number): Rect => box(col * 120, 200 + row * 80, 100, 60);
const grid = [0, 1, 2].flatMap((row) => [0, 1, 2].map((col) => cell(row, col)));
const indexOf = (row: number, col: number) => row * 3 + col;

describe('pickTarget', () => {
  it.each<[Direction, number, number]>([
    ['up', 0, 1],
    ['down', 2, 1],
    ['left', 1, 0],
    ['right', 1, 2],
  ])('moves %s from the middle card to its neighbour', (direction, row, col) => {
    const others = grid.filter((_, i) => i !== indexOf(1, 1));
    const picked = pickTarget(cell(1, 1), others, direction);
    expect(picked === undefined ? undefined : others[picked]).toEqual(cell(row, col));
  });

  it('finds nothing past the edge of the grid', () => {
    const others = grid.filter((_, i) => i !== indexOf(0, 2));
    expect(pickTarget(cell(0, 2), others, 'right')).toBeUndefined();
    expect(pickTarget(cell(0, 2), others, 'up')).toBeUndefined();
  });

  it('keeps to the row: Right goes to the next card, not a nearer one in the row below', () => {
    const sameRowFar = box(400, 200, 100, 60);
    const nextRowNear = box(130, 270, 100, 60);
    expect(pickTarget(box(0, 200, 100, 60), [nextRowNear, sameRowFar], 'right')).toBe(1);
  });

  it('goes down from a wide button to the card under it, not the one under its far end', () => {
    const button = box(0, 0, 300, 50);
    const cards = [box(200, 100, 100, 60), box(0, 100, 100, 60), box(400, 100, 100, 60)];
    // Both first cards are under the button; the one whose centre is closer to the button's wins.
    expect(pickTarget(button, cards, 'down')).toBe(0);
    expect(pickTarget(box(0, 0, 120, 50), cards, 'down')).toBe(1);
  });

  it('goes up from a card on the right to the nearest thing above, out of its column', () => {
    const header = box(0, 0, 80, 30);
    const featured = box(0, 100, 160, 50);
    expect(pickTarget(cell(0, 2), [header, featured], 'up')).toBe(1);
  });

  it('prefers a short hop sideways over a long trip down the column', () => {
    // In the beam but far below, against just below and slightly to the side.
    const farInColumn = box(0, 900, 100, 60);
    const nearAside = box(110, 80, 100, 60);
    expect(pickTarget(box(0, 0, 100, 60), [farInColumn, nearAside], 'down')).toBe(1);
    // …but an element in the column that is nearer than the other's far edge still wins.
    const nearInColumn = box(0, 100, 100, 60);
    expect(pickTarget(box(0, 0, 100, 60), [nearAside, nearInColumn], 'down')).toBe(1);
  });

  it('moves down a left-aligned list of links of different widths', () => {
    const links = [box(40, 100, 300, 30), box(40, 150, 120, 30), box(40, 200, 260, 30)];
    expect(pickTarget(links[0] as Rect, [links[1] as Rect, links[2] as Rect], 'down')).toBe(0);
    expect(pickTarget(links[2] as Rect, [links[0] as Rect, links[1] as Rect], 'up')).toBe(1);
  });

  it('ignores candidates that do not reach past the source (overlapping, or behind it)', () => {
    const source = box(100, 100, 100, 100);
    const inside = box(120, 120, 20, 20);
    const behind = box(0, 100, 90, 100);
    expect(pickTarget(source, [inside, behind], 'right')).toBeUndefined();
  });

  it('breaks ties in document order', () => {
    const twins = [box(0, 100, 100, 60), box(0, 100, 100, 60)];
    expect(pickTarget(box(0, 0, 100, 60), twins, 'down')).toBe(0);
  });
});
