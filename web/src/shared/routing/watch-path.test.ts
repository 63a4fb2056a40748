import { describe, expect, it } from 'vitest';
import { loginPathForWatch } from './watch-path';

describe('loginPathForWatch', () => {
  it('returns to the encoded player URL after sign-in', () => {
    expect(loginPathForWatch('w-hiit30-01')).toBe('/login?next=%2Fwatch%2Fw-hiit30-01');
    expect(loginPathForWatch('w a/b')).toBe('/login?next=%2Fwatch%2Fw%2520a%252Fb');
  });
});
