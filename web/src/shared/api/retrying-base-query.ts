import {
  fetchBaseQuery,
  type BaseQueryFn,
  type FetchArgs,
  type FetchBaseQueryError,
  type FetchBaseQueryMeta,
} from '@reduxjs/toolkit/query';
import { apiUnauthorized } from './auth-events';
import { abortableSleep, ATTEMPT_TIMEOUT_MS, requestWithFallback, sharedRouteMemory, type RouteMemory } from './region-fallback';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy';

/** Per-endpoint options (`extraOptions` on an endpoint definition). */
export interface StrideQueryOptions {
  /** A POST whose server side deduplicates (e.g. carries an event id) may be retried and sent to the other region too. */
  readonly idempotent?: boolean;
}

export interface RetryingBaseQueryOptions {
  readonly baseUrl: string;
  readonly policy?: RetryPolicy;
  /** Injected in tests; the browser's fetch otherwise (looked up per call, so tests can stub it). */
  readonly fetchFn?: typeof fetch;
  /** Waits between rounds of attempts; resolves early when the request is aborted. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
  /** A try that hangs (a region going dark) becomes a retryable timeout after this long. @default ATTEMPT_TIMEOUT_MS */
  readonly timeoutMs?: number;
  /** Which route answered last. @default sharedRouteMemory (the page's one memory, shared with the outbox and beacons) */
  readonly memory?: RouteMemory;
}

export type StrideBaseQuery = BaseQueryFn<string | FetchArgs, unknown, FetchBaseQueryError, StrideQueryOptions, FetchBaseQueryMeta>;

/**
 * fetchBaseQuery sending through `requestWithFallback` (region-fallback.ts): the default path,
 * reads hedged to the other region, a retryable failure (network, timeout, 5xx, 429) of an
 * idempotent request sent at once to the regions' pinned paths, then rounds with exponential
 * backoff (full jitter, Retry-After honoured, bounded). Plus the API client's own rule: any 401
 * becomes `apiUnauthorized`, so the session feature signs the viewer out; it is never sent
 * elsewhere or again.
 */
export function createRetryingBaseQuery(options: RetryingBaseQueryOptions): StrideBaseQuery {
  const deps = {
    // One Request, as fetchBaseQuery itself would pass it.
    fetch: (input: RequestInfo | URL, init?: RequestInit) => (options.fetchFn ?? fetch)(new Request(input, init)),
    sleep: options.sleep ?? abortableSleep,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
    memory: options.memory ?? sharedRouteMemory,
    policy: options.policy ?? defaultRetryPolicy,
    timeoutMs: options.timeoutMs ?? ATTEMPT_TIMEOUT_MS,
  };
  /** fetchBaseQuery builds the Request (URL, headers, JSON body); this sends it by the rule. */
  const sendFor =
    (idempotent: boolean) =>
    async (input: RequestInfo, init?: RequestInit): Promise<Response> => {
      const request = input instanceof Request ? input : new Request(input, init);
      const url = new URL(request.url);
      const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
      return requestWithFallback(
        url.pathname + url.search,
        {
          method: request.method,
          headers: request.headers,
          ...(body === '' ? {} : { body }),
          credentials: request.credentials,
          signal: request.signal,
          idempotent,
        },
        { ...deps, origin: url.origin },
      );
    };
  const baseQueryFor = (idempotent: boolean) =>
    fetchBaseQuery({ baseUrl: options.baseUrl, credentials: 'same-origin', fetchFn: sendFor(idempotent) });
  const unmarked = baseQueryFor(false);
  const markedIdempotent = baseQueryFor(true);

  return async (args, api, extraOptions) => {
    const baseQuery = extraOptions?.idempotent === true ? markedIdempotent : unmarked;
    const result = await baseQuery(args, api, {});
    if (result.error?.status === 401) api.dispatch(apiUnauthorized({ endpoint: api.endpoint }));
    return result;
  };
}
