import { describe, expect, it } from 'vitest';
import { launchClockFor, PREVIEW_MAX_TTL_SEC, readPreviewClaims } from './preview';

const NOW = Date.parse('2026-12-06T00:00:00Z');
const LAUNCH = Date.parse('2026-12-24T06:00:00Z');

describe('preview claims', () => {
  it('reads the program, its page path, the instant and the expiry', () => {
    expect(readPreviewClaims({ prg: 'winter-warmup', asof: LAUNCH / 1000, iat: NOW / 1000, exp: NOW / 1000 + 3600 })).toEqual({
      program: 'winter-warmup',
      programPath: '/programs/winter-warmup',
      asOfMs: LAUNCH,
      expiresAtMs: NOW + 3_600_000,
    });
  });

  it.each([
    [{ asof: 1, exp: 2 }, 'preview names no program'],
    [{ prg: 'Not A Slug', asof: 1, exp: 2 }, 'preview names no program'],
    [{ prg: '../account', asof: 1, exp: 2 }, 'preview names no program'],
    [{ prg: 'x', asof: '2026-12-24', exp: 2 }, 'preview has no as-of instant'],
    [{ prg: 'x', asof: 1 }, 'preview has no exp'],
    [{ prg: 'x', asof: 1, iat: 0, exp: PREVIEW_MAX_TTL_SEC + 1 }, 'preview lasts longer than a week'],
  ])('%j is refused: %s', (payload, reason) => {
    expect(readPreviewClaims(payload)).toBe(reason);
  });
});

describe('the launch clock', () => {
  const preview = { program: 'winter-warmup', programPath: '/programs/winter-warmup', asOfMs: LAUNCH, expiresAtMs: NOW + 1 };
  it("is the preview's instant for its own program only", () => {
    expect(launchClockFor('/programs/winter-warmup', NOW, preview)).toBe(LAUNCH);
    expect(launchClockFor('/programs/hiit-30', NOW, preview)).toBe(NOW);
    expect(launchClockFor('/programs/winter-warmup', NOW, undefined)).toBe(NOW);
  });
});
