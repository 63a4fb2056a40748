import {
  fetchBaseQuery,
  type BaseQueryFn,
  type FetchArgs,
  type FetchBaseQueryError,
  type FetchBaseQueryMeta,
} from '@reduxjs/toolkit/query';
import { apiUnauthorized } from './auth-events';
import { decideRetry, defaultRetryPolicy, type Failure, type RetryPolicy } from './retry-policy';

/** Per-endpoint options (`extraOptions` on an endpoint definition). */
export interface StrideQueryOptions {
  /** A POST whose server side deduplicates (e.g. carries an event id) may be retried too. */
  readonly idempotent?: boolean;
}

export interface RetryingBaseQueryOptions {
  readonly baseUrl: string;
  readonly policy?: RetryPolicy;
  /** Injected in tests; the browser's fetch otherwise (looked up per call, so tests can stub it). */
  readonly fetchFn?: typeof fetch;
  /** Waits between attempts; rejects or resolves early when the request is aborted. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
  /** A request that hangs (a region going dark) becomes a retryable timeout after this long. */
  readonly timeoutMs?: number;
}

export type StrideBaseQuery = BaseQueryFn<string | FetchArgs, unknown, FetchBaseQueryError, StrideQueryOptions, FetchBaseQueryMeta>;

export const abortableSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });

function failureOf(error: FetchBaseQueryError): Failure | undefined {
  if (typeof error.status === 'number') return { kind: 'status', status: error.status };
  switch (error.status) {
    case 'FETCH_ERROR':
      return { kind: 'network' };
    case 'TIMEOUT_ERROR':
      return { kind: 'timeout' };
    // A gateway's HTML 502/503 page is not JSON: judge it by its HTTP status.
    case 'PARSING_ERROR':
      return { kind: 'status', status: error.originalStatus };
    default:
      return undefined;
  }
}

const methodOf = (args: string | FetchArgs): string => (typeof args === 'string' ? 'GET' : (args.method ?? 'GET')).toUpperCase();

/**
 * fetchBaseQuery plus the API client's two rules: retry idempotent requests on network errors,
 * timeouts, 5xx and 429 (exponential backoff with full jitter, Retry-After honoured, bounded
 * attempts), and turn any 401 into `apiUnauthorized` so the session feature signs the viewer out.
 */
export function createRetryingBaseQuery(options: RetryingBaseQueryOptions): StrideBaseQuery {
  const policy = options.policy ?? defaultRetryPolicy;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const rawBaseQuery = fetchBaseQuery({
    baseUrl: options.baseUrl,
    credentials: 'same-origin',
    timeout: options.timeoutMs ?? 10_000,
    fetchFn: (input, init) => (options.fetchFn ?? fetch)(input, init),
  });

  return async (args, api, extraOptions) => {
    const method = methodOf(args);
    for (let attempt = 1; ; attempt += 1) {
      const result = await rawBaseQuery(args, api, {});
      if (!result.error) return result;

      if (result.error.status === 401) {
        api.dispatch(apiUnauthorized({ endpoint: api.endpoint }));
        return result;
      }
      const failure = failureOf(result.error);
      if (!failure || api.signal.aborted) return result;
      const decision = decideRetry({
        attempt,
        method,
        markedIdempotent: extraOptions?.idempotent ?? false,
        failure,
        retryAfter: result.meta?.response?.headers.get('retry-after'),
        policy,
        random,
        nowMs: now(),
      });
      if (!decision.retry) return result;
      await sleep(decision.delayMs, api.signal);
      if (api.signal.aborted) return result;
    }
  };
}
