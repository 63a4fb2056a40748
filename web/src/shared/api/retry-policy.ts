/**
 * When the API client retries, and how long it waits. Pure, so the policy is tested without
 * timers: the caller injects `random` and the clock.
 */

export interface RetryPolicy {
  /**
   * Total rounds including the first; 4 means up to three retries. A round is one try per route
   * the request may take (region-fallback.ts: the default path, then the regions' pinned paths).
   */
  readonly maxAttempts: number;
  /** The backoff ceiling before jitter for retry n is min(maxDelayMs, baseDelayMs * 2^n). */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A Retry-After longer than this is not waited out: the error goes to the viewer instead. */
  readonly maxRetryAfterMs: number;
}

/*
 * Sized from the real numbers. DNS does not flip within seconds: Route 53 decides after
 * interval × threshold and resolvers keep the old answer for the TTL, so with AWS's defaults
 * (30 s, 3, TTL 60 s) `api.<domain>` can point at a dead region for up to
 * worstCaseFlipSeconds(AWS_DEFAULT_FAILOVER) = 30 × (3 + 1) + 60 = 180 s. No retry budget a viewer
 * would wait out covers that, and none has to any more (contract/src/region-routing.ts): CloudFront's
 * origin group fails a read over to the other region within its 1 s connection timeout (3 s for
 * an answer), the client hedges a read to the other region after 500 ms, and a request that failed
 * on the default path goes at once to the regions' pinned paths (region-fallback.ts), each try
 * bounded by ATTEMPT_TIMEOUT_MS (5 s). One "attempt" here is such a round over every route.
 *
 * What the budget still covers is both regions failing together for a moment: the surviving
 * region's Lambda throttling (API Gateway answers 500) or a 429 while it takes the whole load,
 * and the seconds around a failback. Three more rounds after waits of at most 0.5, 1 and 2 s
 * (full jitter, so 1.75 s on average) keep a play's worst extra wait near 3.5 s, not minutes;
 * writes do not depend on it: the outbox keeps them until a region acknowledges them.
 */
export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 2_000, maxRetryAfterMs: 10_000 };

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
