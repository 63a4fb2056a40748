import { describe, expect, it } from 'vitest';
import { loginPathForWatch, watchPath } from './watch-path';

describe('watch paths', () => {
  it('encodes the workout id and the way back from sign-in', () => {
    expect(watchPath('w-hiit30-01')).toBe('/watch/w-hiit30-01');
    expect(watchPath('w a/b')).toBe('/watch/w%20a%2Fb');
    expect(loginPathForWatch('w-hiit30-01')).toBe('/login?next=%2Fwatch%2Fw-hiit30-01');
  });
});
