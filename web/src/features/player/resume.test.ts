import { describe, expect, it } from 'vitest';
import { resumePosition, shouldSaveProgress } from './resume';

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
