import { generateKeyPairSync } from 'node:crypto';
import { getSignedCookies } from '@aws-sdk/cloudfront-signer';
import { describe, expect, it } from 'vitest';
import { verifySignedCookies } from './signed-cookies';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const trusted = [{ keyPairId: 'K1', publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() }];
const NOW = Date.UTC(2026, 10, 22, 6);
const epoch = (ms: number) => Math.floor(ms / 1000);
const header = (cookies: object) =>
  Object.entries(cookies as Record<string, string | number | undefined>)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

describe('verifySignedCookies (as CloudFront checks them)', () => {
  it('accepts a canned policy (CloudFront-Expires) for the exact URL until it expires', () => {
    const url = 'http://localhost:8080/media/w-1/master.m3u8';
    const cookies = header(
      getSignedCookies({ url, keyPairId: 'K1', privateKey: privatePem, dateLessThan: new Date(NOW + 60_000).toISOString() }),
    );
    expect(verifySignedCookies(cookies, url, trusted, NOW)).toEqual({ ok: true });
    expect(verifySignedCookies(cookies, 'http://localhost:8080/media/w-1/other.ts', trusted, NOW).ok).toBe(false);
    expect(verifySignedCookies(cookies, url, trusted, NOW + 61_000).ok).toBe(false);
  });

  it('accepts a custom policy with a wildcard resource and a start date', () => {
    const policy = JSON.stringify({
      Statement: [
        {
          Resource: 'http*://*/media/w-1/*',
          Condition: { DateLessThan: { 'AWS:EpochTime': epoch(NOW + 60_000) }, DateGreaterThan: { 'AWS:EpochTime': epoch(NOW - 1000) } },
        },
      ],
    });
    const cookies = header(getSignedCookies({ keyPairId: 'K1', privateKey: privatePem, policy }));
    expect(verifySignedCookies(cookies, 'http://127.0.0.1:1/media/w-1/seg.ts', trusted, NOW)).toEqual({ ok: true });
    expect(verifySignedCookies(cookies, 'http://127.0.0.1:1/media/w-2/seg.ts', trusted, NOW)).toEqual({
      ok: false,
      reason: 'Access Denied',
    });
    expect(verifySignedCookies(cookies, 'http://127.0.0.1:1/media/w-1/seg.ts', trusted, NOW - 5000).ok).toBe(false);
  });

  it('verifies SHA-256 signatures when CloudFront-Hash-Algorithm says so', () => {
    const policy = JSON.stringify({
      Statement: [{ Resource: 'http*://*/media/w-1/*', Condition: { DateLessThan: { 'AWS:EpochTime': epoch(NOW + 60_000) } } }],
    });
    const cookies = header(getSignedCookies({ keyPairId: 'K1', privateKey: privatePem, policy, algorithm: 'SHA256' }));
    expect(cookies).toContain('CloudFront-Hash-Algorithm=SHA256');
    expect(verifySignedCookies(cookies, 'http://h/media/w-1/a.ts', trusted, NOW)).toEqual({ ok: true });
  });

  it('rejects missing cookies, an untrusted key pair and a policy changed after signing', () => {
    const policy = JSON.stringify({
      Statement: [{ Resource: 'http*://*/media/w-1/*', Condition: { DateLessThan: { 'AWS:EpochTime': epoch(NOW + 60_000) } } }],
    });
    const signed = getSignedCookies({ keyPairId: 'K1', privateKey: privatePem, policy });
    const url = 'http://h/media/w-1/a.ts';
    expect(verifySignedCookies(undefined, url, trusted, NOW)).toEqual({ ok: false, reason: 'Missing Key' });
    expect(verifySignedCookies(header({ ...signed, 'CloudFront-Key-Pair-Id': 'K2' }), url, trusted, NOW)).toEqual({
      ok: false,
      reason: 'Invalid Key',
    });
    const widened = Buffer.from(policy.replace('/media/w-1/*', '/media/*'))
      .toString('base64')
      .replace(/\+/g, '-')
      .replace(/=/g, '_')
      .replace(/\//g, '~');
    expect(verifySignedCookies(header({ ...signed, 'CloudFront-Policy': widened }), url, trusted, NOW)).toEqual({
      ok: false,
      reason: 'Invalid Signature',
    });
  });
});
