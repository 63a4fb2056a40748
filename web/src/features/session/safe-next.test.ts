import { describe, expect, it } from 'vitest';
import { loginPathFor, safeNextPath } from './safe-next';

describe('safeNextPath', () => {
  it('keeps same-site relative paths with their query and hash', () => {
    expect(safeNextPath('/watch/w-hiit30-01')).toBe('/watch/w-hiit30-01');
    expect(safeNextPath('/programs/hiit-30?tab=workouts#w2')).toBe('/programs/hiit-30?tab=workouts#w2');
    expect(safeNextPath('/')).toBe('/');
    expect(safeNextPath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
  });

  it.each([
    ['protocol-relative', '//evil.example/x'],
    ['backslash protocol-relative', '/\\evil.example'],
    ['absolute URL', 'https://evil.example/'],
    ['javascript URL', 'javascript:alert(1)'],
    ['relative without a slash', 'watch/w-1'],
    ['tab that parsers strip', '/\t/evil.example'],
    ['newline', '/\n/evil.example'],
    ['NUL', '/watch\u0000'],
    ['empty', ''],
    ['the login page itself', '/login?next=/login'],
    ['too long', `/${'a'.repeat(3000)}`],
  ])('rejects %s', (_name, raw) => {
    expect(safeNextPath(raw)).toBeUndefined();
  });

  it('rejects missing values', () => {
    expect(safeNextPath(null)).toBeUndefined();
    expect(safeNextPath(undefined)).toBeUndefined();
  });
});

describe('loginPathFor', () => {
  it('encodes the way back, and drops an unsafe one', () => {
    expect(loginPathFor('/watch/w-1?t=30')).toBe('/login?next=%2Fwatch%2Fw-1%3Ft%3D30');
    expect(loginPathFor('//evil.example')).toBe('/login');
  });
});
