import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MEDIA_COOKIE_SLACK_SECONDS, mediaCookies, mediaCookieTtlSeconds, type MediaSigningConfig } from './media-cookies';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const config: MediaSigningConfig = {
  keyPairId: 'KTEST',
  privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  resourceBase: 'https://stride.example/media',
  ttlSeconds: 4 * 3600,
};

const policyOf = (cookies: string[]) => {
  const value = (cookies[0] ?? '').split(';')[0]?.slice('CloudFront-Policy='.length) ?? '';
  return JSON.parse(Buffer.from(value.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64').toString()) as {
    Statement: { Resource: string; Condition: { DateLessThan: { 'AWS:EpochTime': number } } }[];
  };
};

describe('media cookies', () => {
  it('live for the workout plus slack, never past the configured ceiling', () => {
    expect(mediaCookieTtlSeconds(config, 1200)).toBe(1200 + MEDIA_COOKIE_SLACK_SECONDS);
    expect(mediaCookieTtlSeconds(config, 1200.4)).toBe(1201 + MEDIA_COOKIE_SLACK_SECONDS);
    expect(mediaCookieTtlSeconds(config, 6 * 3600)).toBe(4 * 3600);
  });

  it('cover only the granted media folder, until the short expiry', () => {
    const now = new Date('2026-11-22T06:00:00Z');
    const { cookies, expiresAt } = mediaCookies(config, 'sample-yoga', now, true, 900);
    expect(expiresAt.toISOString()).toBe('2026-11-22T06:45:00.000Z');
    const [statement] = policyOf(cookies).Statement;
    expect(statement?.Resource).toBe('https://stride.example/media/sample-yoga/*');
    expect(statement?.Condition.DateLessThan['AWS:EpochTime']).toBe(expiresAt.getTime() / 1000);
    for (const cookie of cookies) expect(cookie).toContain(`Max-Age=${900 + MEDIA_COOKIE_SLACK_SECONDS}`);
  });
});
