import { describe, expect, it } from 'vitest';
import { newerPosition, resumePosition, shouldSaveProgress } from './resume';

describe('resumePosition', () => {
  it('resumes where the viewer left off', () => {
    expect(resumePosition({ positionSec: 12, durationSec: 24 })).toBe(12);
    expect(resumePosition({ positionSec: 600, durationSec: 1800 })).toBe(600);
  });
  it('starts over when there is nothing worth resuming or the workout was finished', () => {
    expect(resumePosition(null)).toBe(0);
    expect(resumePosition(undefined)).toBe(0);
    expect(resumePosition({ positionSec: 3, durationSec: 24 })).toBe(0);
    expect(resumePosition({ positionSec: 23.5, durationSec: 24 })).toBe(0);
    expect(resumePosition({ positionSec: 1795, durationSec: 1800 })).toBe(0);
  });
});

describe('shouldSaveProgress', () => {
  it('saves the first position and then only real moves', () => {
    expect(shouldSaveProgress(10, null)).toBe(true);
    expect(shouldSaveProgress(10.4, 10)).toBe(false);
    expect(shouldSaveProgress(20, 10)).toBe(true);
    expect(shouldSaveProgress(5, 10)).toBe(true);
    expect(shouldSaveProgress(Number.NaN, null)).toBe(false);
  });
});

describe('newerPosition', () => {
  const pending = { positionSec: 300, durationSec: 600, savedAt: Date.parse('2026-12-05T10:00:00Z') };
  it("prefers the outbox's waiting position to the API's older or undated one", () => {
    expect(newerPosition(pending, { positionSec: 100, durationSec: 600, updatedAt: '2026-12-05T09:59:00Z' })).toEqual({
      positionSec: 300,
      durationSec: 600,
    });
    expect(newerPosition(pending, { positionSec: 100, durationSec: 600 })).toEqual({ positionSec: 300, durationSec: 600 });
    expect(newerPosition(pending, null)).toEqual({ positionSec: 300, durationSec: 600 });
  });
  it("keeps the API's position when it was saved after the waiting one was read, or when nothing waits", () => {
    const later = { positionSec: 420, durationSec: 600, updatedAt: '2026-12-05T10:05:00Z' };
    expect(newerPosition(pending, later)).toBe(later);
    expect(newerPosition(undefined, later)).toBe(later);
    expect(newerPosition(undefined, undefined)).toBeNull();
  });
});
