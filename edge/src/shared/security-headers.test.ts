import { describe, expect, it } from 'vitest';
import { FIRST_PAINT_STYLE_SHA256 } from '@stride/contract/first-paint-style';
import { CONTENT_SECURITY_POLICY } from './security-headers';

describe('the Content-Security-Policy', () => {
  it("allows the pages' one inline stylesheet by its hash, and no other inline style", () => {
    const styleSrc = CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith('style-src '));
    expect(styleSrc).toBe(`style-src 'self' 'sha256-${FIRST_PAINT_STYLE_SHA256}'`);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
  });
});
