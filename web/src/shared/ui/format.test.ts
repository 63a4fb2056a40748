import { describe, expect, it } from 'vitest';
import { formatDuration } from './format';

describe('formatDuration', () => {
  it('shows minutes under an hour', () => {
    expect(formatDuration(1800)).toBe('30 min');
    expect(formatDuration(89)).toBe('1 min');
  });
  it('shows hours with zero-padded minutes', () => {
    expect(formatDuration(3900)).toBe('1 h 05 min');
    expect(formatDuration(7200)).toBe('2 h 00 min');
  });
});
