import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodePath, normalizeUri, safeQuery } from './normalize-uri';

describe('normalizeUri', () => {
  it('decodes once and collapses runs of slashes', () => {
    expect(normalizeUri('/programs//hiit%2D30')).toEqual({ ok: true, path: '/programs/hiit-30' });
    expect(normalizeUri('///')).toEqual({ ok: true, path: '/' });
    expect(normalizeUri('/watch/caf%C3%A9')).toEqual({ ok: true, path: '/watch/café' });
  });

  it.each([
    ['/a/../b', '"." or ".."'],
    ['/a/%2e%2e/b', '"." or ".."'],
    ['/a%2f..%2fb', '"." or ".."'],
    ['/a/%252e%252e/b', 'percent-encoded twice'],
    ['/a%255cb', 'percent-encoded twice'],
    ['/a\\b', 'backslash'],
    ['/a%5Cb', 'backslash'],
    ['/a%00', 'control character'],
    ['/a%7F', 'control character'],
    ['/a%0A', 'control character'],
    ['/a%', 'malformed'],
    ['/a%C3', 'malformed'],
    ['a', 'must start with'],
    ['/\uD800', 'not valid UTF-8'],
  ])('%s is refused (%s)', (raw, reason) => {
    const result = normalizeUri(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('answers a plain path exactly as it answers the same path with a character percent-encoded', () => {
    // The encoded twin never takes the already-normal shortcut, so this pins the shortcut to the full rules.
    const unit = fc.constantFrom('/', '/', '.', '..', 'a', 'Z', '0', '-', '_', '~', '%2e', '%2F', '\\', ' ', '\u0000', 'é');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), fc.boolean(), (tail, slash) => {
        const raw = `/${tail}${slash ? '/' : ''}a`;
        const at = raw.lastIndexOf('a');
        expect(normalizeUri(raw)).toEqual(normalizeUri(`${raw.slice(0, at)}%61${raw.slice(at + 1)}`));
      }),
      { numRuns: 3000 },
    );
    for (const raw of ['/', '/watch/w-1', '/programs/hiit-30/', '/a/.b', '/x~y/z_0'])
      expect(normalizeUri(raw)).toEqual({ ok: true, path: raw });
  });

  it('re-encodes a path so it decodes back to itself', () => {
    for (const path of ['/watch/café', '/a b/c', '/watch/https:', '/x/%']) expect(decodeURIComponent(encodePath(path))).toBe(path);
    expect(encodePath('/watch/w-1')).toBe('/watch/w-1');
  });

  it('encodes exactly as segment by segment, with or without the already-safe shortcut', () => {
    const kept = /%(?:21|24|26|27|28|29|2A|2B|2C|3A|3B|3D|40)/g;
    const slow = (path: string) =>
      path
        .split('/')
        .map((s) => encodeURIComponent(s).replace(kept, decodeURIComponent))
        .join('/');
    const unit = fc.oneof(fc.constantFrom(...'/aZ09-_.!~*\'()$&+,:;=@ %#?[]"<>^`{|}\\é'), fc.string({ minLength: 1, maxLength: 1 }));
    fc.assert(
      fc.property(fc.string({ unit }), (tail) => {
        const path = `/${tail}`.replace(/[\uD800-\uDFFF]/g, 'x');
        expect(encodePath(path)).toBe(slow(path));
      }),
      { numRuns: 2000 },
    );
  });

  it('makes a query safe for a Location header without touching printable ASCII', () => {
    expect(safeQuery('a=1&b=%2F')).toBe('a=1&b=%2F');
    expect(safeQuery('a=1\r\nb c#d')).toBe('a=1%0D%0Ab%20c%23d');
    expect(safeQuery('q=é')).toBe('q=%C3%A9');
  });
});
