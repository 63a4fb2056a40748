import { describe, expect, it } from 'vitest';
import { isSlug, isWorkoutId, PLAY_ID } from './ids';
import { isQualifiedView, VIEW_MILESTONES } from './views';

describe('identifiers', () => {
  it('accepts slugs and workout ids as content uses them, and nothing a path could abuse', () => {
    for (const slug of ['hiit-30', 'a', 'morning-yoga-2']) expect(isSlug(slug), slug).toBe(true);
    for (const slug of ['', 'Hiit', 'a--b', '-a', 'a-', 'a/b', '..', 'a'.repeat(81)]) expect(isSlug(slug), slug).toBe(false);
    for (const id of ['w-hiit30-01', 'w-a']) expect(isWorkoutId(id), id).toBe(true);
    for (const id of ['w-', 'x-1', 'w-A', 'w-a/b', `w-${'a'.repeat(81)}`]) expect(isWorkoutId(id), id).toBe(false);
    expect(PLAY_ID.test('play-0001')).toBe(true);
    expect(PLAY_ID.test('short')).toBe(false);
  });
});

describe('qualified views', () => {
  it('needs every milestone of one play', () => {
    expect(isQualifiedView(VIEW_MILESTONES)).toBe(true);
    expect(isQualifiedView(['start', '25', '50', '75'])).toBe(false);
    expect(isQualifiedView(['start', 'complete'])).toBe(false);
  });
});
