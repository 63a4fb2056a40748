import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SIGNED_IN_HINT_COOKIE } from './session';
import { SIGNED_IN_ATTRIBUTE, SIGNED_IN_FIRST_PAINT_SCRIPT, SIGNED_IN_FIRST_PAINT_SCRIPT_SHA256 } from './signed-in-first-paint';

/** Runs the script against a fake document with `cookie`, and says whether it marked <html>. */
function marks(cookie: string): boolean {
  const attributes = new Map<string, string>();
  const document = { cookie, documentElement: { setAttribute: (name: string, value: string) => attributes.set(name, value) } };
  new Function('document', SIGNED_IN_FIRST_PAINT_SCRIPT)(document);
  return attributes.has(SIGNED_IN_ATTRIBUTE);
}

describe('the signed-in first-paint script', () => {
  it('is allowed by its hash (the CSP names this value)', () => {
    expect(createHash('sha256').update(SIGNED_IN_FIRST_PAINT_SCRIPT, 'utf8').digest('base64')).toBe(SIGNED_IN_FIRST_PAINT_SCRIPT_SHA256);
  });

  it('marks <html> only when the hint cookie is there with a value', () => {
    expect(marks(`a=1; ${SIGNED_IN_HINT_COOKIE}=1`)).toBe(true);
    expect(marks(`${SIGNED_IN_HINT_COOKIE}=1`)).toBe(true);
    expect(marks(`${SIGNED_IN_HINT_COOKIE}=`)).toBe(false);
    expect(marks(`x${SIGNED_IN_HINT_COOKIE}=1`)).toBe(false);
    expect(marks('')).toBe(false);
  });
});
