import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cookieValues } from './cookies';

/** The plain reading cookieValues must agree with: split on `;`, first `=`, both sides trimmed. */
function reference(lines: readonly string[], name: string): string[] {
  const out: string[] = [];
  for (const line of lines) {
    for (const pair of line.split(';')) {
      const eq = pair.indexOf('=');
      if (eq !== -1 && pair.slice(0, eq).trim() === name) out.push(pair.slice(eq + 1).trim());
    }
  }
  return out;
}

const headers = (lines: readonly string[]) => ({ cookie: lines.map((value) => ({ key: 'Cookie', value })) });

describe('cookieValues', () => {
  it('finds every value of the cookie across headers, trimmed', () => {
    expect(cookieValues(headers(['a=1; s=x', ' s = y ;b=2', 's']), 's')).toEqual(['x', 'y']);
    expect(cookieValues(headers(['xs=1; sx=2; s=a=b']), 's')).toEqual(['a=b']);
    expect(cookieValues(undefined, 's')).toEqual([]);
  });

  it('agrees with the split-based reading on arbitrary headers', () => {
    const text = fc.string({ unit: fc.constantFrom('s', 'x', '=', ';', ' ', '\t', 'a', '1') });
    fc.assert(
      fc.property(fc.array(text, { maxLength: 3 }), fc.constantFrom('s', 'sx', 'x s'), (lines, name) => {
        expect(cookieValues(headers(lines), name)).toEqual(reference(lines, name));
      }),
      { numRuns: 2000 },
    );
  });
});
