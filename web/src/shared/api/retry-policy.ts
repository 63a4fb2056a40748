/**
 * When the API client retries, and how long it waits. Pure, so the policy is tested without
 * timers: the caller injects `random` and the clock.
 */

export interface RetryPolicy {
  /** Total tries including the first; 4 means up to three retries. */
  readonly maxAttempts: number;
  /** The backoff ceiling before jitter for retry n is min(maxDelayMs, baseDelayMs * 2^n). */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A Retry-After longer than this is not waited out: the error goes to the viewer instead. */
  readonly maxRetryAfterMs: number;
}

// Sized for a region failover: DNS flips within seconds, so three retries spread over ~3.5 s
// (worst case) ride it out while a genuinely broken request still fails fast.
export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 2_000, maxRetryAfterMs: 10_000 };

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** RFC 9110 idempotent methods retry by default; a POST only when its endpoint says it is safe. */
export function isIdempotent(method: string, markedIdempotent = false): boolean {
  return markedIdempotent || IDEMPOTENT.has(method.toUpperCase());
}

/** What a failed attempt was, as far as retrying is concerned. */
export type Failure = { readonly kind: 'network' } | { readonly kind: 'timeout' } | { readonly kind: 'status'; readonly status: number };

/** Network failures, timeouts, 5xx and 429 are worth another try; other 4xx will not change. */
export function isRetryable(failure: Failure): boolean {
  if (failure.kind !== 'status') return true;
  return failure.status === 429 || (failure.status >= 500 && failure.status <= 599);
}

/**
 * "Full jitter" backoff (AWS Architecture Blog, "Exponential Backoff And Jitter"): a uniformly
 * random wait up to the exponential ceiling, so clients that failed together do not retry together.
 * `retry` is 0 for the first retry.
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
}

/**
 * Retry-After as milliseconds: delta-seconds ("120") or an HTTP-date. Undefined when absent or
 * unparseable, so the caller falls back to backoff.
 */
export function retryAfterMs(header: string | null | undefined, nowMs: number): number | undefined {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP-date always names its day or month; Date.parse alone would read "-5" as a year.
  if (!/[A-Za-z]{3}/.test(value)) return undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

export type RetryDecision = { readonly retry: false } | { readonly retry: true; readonly delayMs: number };

/**
 * The whole decision after a failed attempt (`attempt` counts from 1). The server's Retry-After,
 * when given, replaces the backoff: it knows when it will be ready; waiting less just earns
 * another 429.
 */
export function decideRetry(input: {
  readonly attempt: number;
  readonly method: string;
  readonly markedIdempotent?: boolean;
  readonly failure: Failure;
  readonly retryAfter?: string | null;
  readonly policy: RetryPolicy;
  readonly random: () => number;
  readonly nowMs: number;
}): RetryDecision {
  const { attempt, policy } = input;
  if (attempt >= policy.maxAttempts) return { retry: false };
  if (!isIdempotent(input.method, input.markedIdempotent) || !isRetryable(input.failure)) return { retry: false };
  const serverWait = input.failure.kind === 'status' ? retryAfterMs(input.retryAfter, input.nowMs) : undefined;
  if (serverWait !== undefined) {
    return serverWait > policy.maxRetryAfterMs ? { retry: false } : { retry: true, delayMs: serverWait };
  }
  return { retry: true, delayMs: backoffDelayMs(attempt - 1, policy, input.random) };
}
