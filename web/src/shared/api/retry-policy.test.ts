import { describe, expect, it } from 'vitest';
import { backoffDelayMs, decideRetry, defaultRetryPolicy, isIdempotent, isRetryable, retryAfterMs, type RetryPolicy } from './retry-policy';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000 };

describe('isIdempotent', () => {
  it('treats GET, HEAD, PUT and DELETE as idempotent in any case, POST only when marked', () => {
    for (const m of ['GET', 'head', 'Put', 'DELETE']) expect(isIdempotent(m)).toBe(true);
    expect(isIdempotent('POST')).toBe(false);
    expect(isIdempotent('PATCH')).toBe(false);
    expect(isIdempotent('POST', true)).toBe(true);
  });
});

describe('isRetryable', () => {
  it('retries network errors, timeouts, 5xx and 429 but not other statuses', () => {
    expect(isRetryable({ kind: 'network' })).toBe(true);
    expect(isRetryable({ kind: 'timeout' })).toBe(true);
    for (const status of [500, 502, 503, 504, 429]) expect(isRetryable({ kind: 'status', status })).toBe(true);
    for (const status of [400, 401, 403, 404, 409, 451]) expect(isRetryable({ kind: 'status', status })).toBe(false);
  });
});

describe('backoffDelayMs', () => {
  it('draws uniformly below an exponential ceiling that is capped', () => {
    expect([0, 1, 2, 3, 4].map((n) => backoffDelayMs(n, policy, () => 0.999999))).toEqual([99, 199, 399, 799, 999]);
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(400);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
  });
  it('keeps a misbehaving random source inside the range', () => {
    expect(backoffDelayMs(0, policy, () => 7)).toBe(100);
    expect(backoffDelayMs(0, policy, () => -1)).toBe(0);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-11-22T06:00:00Z');
  it('reads delta-seconds and HTTP-dates', () => {
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Sun, 22 Nov 2026 06:00:02 GMT', now)).toBe(2000);
    expect(retryAfterMs('Sun, 22 Nov 2026 05:00:00 GMT', now)).toBe(0);
  });
  it('ignores an absent or unparseable header', () => {
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs('-5', now)).toBeUndefined();
  });
});

describe('decideRetry', () => {
  const base = { method: 'GET', policy, random: () => 0.5, nowMs: 0 } as const;

  it('backs off exponentially per attempt until the attempts run out', () => {
    const delays = [1, 2, 3].map((attempt) => decideRetry({ ...base, attempt, failure: { kind: 'network' } }));
    expect(delays).toEqual([
      { retry: true, delayMs: 50 },
      { retry: true, delayMs: 100 },
      { retry: true, delayMs: 200 },
    ]);
    expect(decideRetry({ ...base, attempt: 4, failure: { kind: 'network' } })).toEqual({ retry: false });
  });

  it('does not retry a POST unless marked, nor a 4xx', () => {
    expect(decideRetry({ ...base, method: 'POST', attempt: 1, failure: { kind: 'status', status: 503 } })).toEqual({ retry: false });
    expect(
      decideRetry({ ...base, method: 'POST', markedIdempotent: true, attempt: 1, failure: { kind: 'status', status: 503 } }).retry,
    ).toBe(true);
    expect(decideRetry({ ...base, attempt: 1, failure: { kind: 'status', status: 404 } })).toEqual({ retry: false });
  });

  it('waits exactly the Retry-After the server asks for, and gives up when it is too long', () => {
    expect(decideRetry({ ...base, attempt: 1, failure: { kind: 'status', status: 429 }, retryAfter: '2' })).toEqual({
      retry: true,
      delayMs: 2000,
    });
    expect(decideRetry({ ...base, attempt: 1, failure: { kind: 'status', status: 503 }, retryAfter: '60' })).toEqual({ retry: false });
    expect(decideRetry({ ...base, attempt: 1, failure: { kind: 'status', status: 503 }, retryAfter: 'later' })).toEqual({
      retry: true,
      delayMs: 50,
    });
  });

  it('ships a bounded default policy', () => {
    expect(defaultRetryPolicy.maxAttempts).toBeGreaterThan(1);
    expect(defaultRetryPolicy.maxAttempts).toBeLessThanOrEqual(5);
    expect(defaultRetryPolicy.maxDelayMs).toBeGreaterThanOrEqual(defaultRetryPolicy.baseDelayMs);
  });
});
