import { describe, expect, it } from 'vitest';
import { SIGNED_IN_HINT_COOKIE } from '@stride/contract/session';
import { clearSignedInHint, isSignedInHint } from './signed-in-hint';

describe('signed-in hint', () => {
  it('is the stride_signed_in cookie', () => {
    expect(SIGNED_IN_HINT_COOKIE).toBe('stride_signed_in');
  });

  it('reads the hint from document.cookie or a Cookie header, by exact name', () => {
    expect(isSignedInHint('stride_signed_in=1')).toBe(true);
    expect(isSignedInHint('stride_device=tv; stride_signed_in=1; other=x')).toBe(true);
    expect(isSignedInHint('stride_device=tv;stride_signed_in=1')).toBe(true);
    expect(isSignedInHint('')).toBe(false);
    expect(isSignedInHint('stride_device=tv')).toBe(false);
    // A cleared cookie some browsers still list until the next read, and look-alike names.
    expect(isSignedInHint('stride_signed_in=')).toBe(false);
    expect(isSignedInHint('x_stride_signed_in=1; stride_signed_in_old=1')).toBe(false);
  });

  it('clears with the attributes the API set it with, Secure on https', () => {
    const doc = { cookie: '' };
    clearSignedInHint(doc, false);
    expect(doc.cookie).toBe('stride_signed_in=; Path=/; SameSite=Lax; Max-Age=0');
    clearSignedInHint(doc, true);
    expect(doc.cookie).toBe('stride_signed_in=; Path=/; SameSite=Lax; Max-Age=0; Secure');
  });
});
