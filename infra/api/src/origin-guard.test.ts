import { describe, expect, it } from 'vitest';
import { httpApiEvent } from './apigw-event.fixture';
import { OriginGuard } from './origin-guard';

const OLD = 'old-origin-secret-0000000000000000';
const NEW = 'new-origin-secret-1111111111111111';

const withHeader = (value: string | undefined, path = '/api/me', method = 'GET') => {
  const event = httpApiEvent(method, path, { via: 'direct' });
  if (value !== undefined) event.headers['x-stride-origin-verify'] = value;
  return event;
};

describe('OriginGuard', () => {
  it('admits CloudFront (the header with a current or previous value) and nothing else but the ping', async () => {
    const guard = await OriginGuard.start({ read: () => Promise.resolve([NEW, OLD]) });
    expect(await guard.admits(withHeader(NEW))).toBe(true);
    expect(await guard.admits(withHeader(OLD))).toBe(true);
    expect(await guard.admits(withHeader(undefined))).toBe(false);
    expect(await guard.admits(withHeader(''))).toBe(false);
    expect(await guard.admits(withHeader(NEW.slice(0, -1)))).toBe(false);
    expect(await guard.admits(withHeader(`${NEW}x`))).toBe(false);
    expect(await guard.admits(withHeader(undefined, '/api/ping'))).toBe(true);
    expect(await guard.admits(withHeader(undefined, '/api/ping', 'POST'))).toBe(false);
    expect(await guard.admits(withHeader(undefined, '/api/ping/x'))).toBe(false);
  });

  it('picks up a rotation on a mismatch, reading the secret at most once per interval', async () => {
    let value: readonly string[] = [OLD];
    let reads = 0;
    let clock = 0;
    const guard = await OriginGuard.start({ read: () => (reads++, Promise.resolve(value)), now: () => clock, rereadIntervalMs: 60_000 });
    expect(reads).toBe(1);
    value = [NEW, OLD];
    // Within the interval a forged or new value costs no read.
    clock = 30_000;
    expect(await guard.admits(withHeader(NEW))).toBe(false);
    expect(await guard.admits(withHeader('forged-value-000000000000000000'))).toBe(false);
    expect(reads).toBe(1);
    clock = 61_000;
    expect(await guard.admits(withHeader(NEW))).toBe(true);
    expect(reads).toBe(2);
    expect(await guard.admits(withHeader(OLD))).toBe(true);
    for (let i = 0; i < 50; i++) await guard.admits(withHeader(`forged-${i}-0000000000000000000000`));
    expect(reads).toBe(2);
  });

  it('keeps the last good values when a re-read fails, and fails the cold start when the first read has nothing usable', async () => {
    let fail = false;
    let clock = 0;
    const guard = await OriginGuard.start({
      read: () => (fail ? Promise.reject(new Error('throttled')) : Promise.resolve([OLD])),
      now: () => clock,
    });
    fail = true;
    clock = 120_000;
    expect(await guard.admits(withHeader(NEW))).toBe(false);
    expect(await guard.admits(withHeader(OLD))).toBe(true);
    await expect(OriginGuard.start({ read: () => Promise.resolve(['short']) })).rejects.toThrow('no value of 16 characters or more');
  });
});
