import { AWS_DEFAULT_FAILOVER, worstCaseFlipSeconds } from '@stride/contract/failover';
import {
  API_ORIGIN_TIMEOUTS,
  FALLBACK_ROLES,
  HEDGE_READ_AFTER_MS,
  regionPinnedPath,
  unpinApiPath,
  type RegionRole,
} from '@stride/contract/region-routing';
import { decideRetry, defaultRetryPolicy, isIdempotent, isRetryable, type Failure, type RetryPolicy } from './retry-policy';

/**
 * How one API request reaches a region that answers (the rule is contract/src/region-routing.ts):
 * the default path (`/api/…`, Route 53's name behind CloudFront) first; a GET also hedged to the
 * secondary's pinned path after `HEDGE_READ_AFTER_MS` without an answer; a retryable failure sent
 * at once to the pinned paths in `FALLBACK_ROLES` order (idempotent requests only); then backoff
 * per the retry policy. A memory of the route that last answered makes the next requests (and
 * beacons) start there. Framework-free: the RTK Query base query, the outbox and the drill's
 * light viewers (Node, plain fetch) all call `requestWithFallback`.
 */

/** Where a request is sent: the default path, or one region's pinned path. */
export type Route = 'default' | RegionRole;

/** Every route, in the order a failed request tries them. */
export const ROUTES: readonly Route[] = ['default', ...FALLBACK_ROLES];

/**
 * How long a fallback route that answered stays the first choice: until Route 53 has flipped for
 * every resolver at AWS's defaults (30 s × (3 + 1) + 60 s TTL = 180 s). After that the default
 * path reaches a healthy region again, so the client goes back to it (and to Route 53's and
 * CloudFront's choice) instead of staying pinned for ever.
 */
export const ROUTE_MEMORY_MS = worstCaseFlipSeconds(AWS_DEFAULT_FAILOVER) * 1000;

/**
 * How long one try may take before it counts as a (retryable) timeout. CloudFront itself gives a
 * region's API domain `connectionTimeoutSeconds` + `responseTimeoutSeconds` (1 + 3 s) and then
 * answers 502/504, so a try that has heard nothing a second after that is lost on the way.
 */
export const ATTEMPT_TIMEOUT_MS = (API_ORIGIN_TIMEOUTS.connectionTimeoutSeconds + API_ORIGIN_TIMEOUTS.responseTimeoutSeconds + 1) * 1000;

/** The path `apiPath` (pinned or not) takes on `route`. */
export function routePath(route: Route, apiPath: string): string {
  const { path } = unpinApiPath(apiPath);
  return route === 'default' ? path : regionPinnedPath(route, path);
}

/** The routes to try, `preferred` first, then the others in `ROUTES` order. */
export function routeOrder(preferred: Route): readonly Route[] {
  return [preferred, ...ROUTES.filter((route) => route !== preferred)];
}

/** The route a hedged read goes to: the first fallback role that is not where the read went. */
export function hedgeRoute(first: Route): RegionRole {
  return FALLBACK_ROLES.find((role) => role !== first) ?? 'secondary';
}

/** Reads are hedged: sending them twice costs nothing. */
export const isHedgedRead = (method: string): boolean => ['GET', 'HEAD'].includes(method.toUpperCase());

/**
 * Whether a request that failed may be sent again on another route: the retry policy's rule
 * (RFC 9110 idempotent methods, and POSTs their endpoint marks idempotent). Any other request is
 * sent once, on the route the memory prefers.
 */
export const mayFallBack = (method: string, markedIdempotent = false): boolean => isIdempotent(method, markedIdempotent);

/** Which route answered last, for a bounded time. */
export interface RouteMemory {
  /** The route to start with at `nowMs`: the remembered fallback until it expires, else the default. */
  preferred(nowMs: number): Route;
  /** `route` answered (any answer but a retryable failure). */
  worked(route: Route, nowMs: number): void;
  /** `route` failed retryably. */
  failed(route: Route): void;
  /** Back to the default path (a test's clean slate). */
  forget(): void;
}

/**
 * The memory is counted from the moment a fallback route first answered, not renewed by each
 * answer: after `rememberForMs` the default path is tried first again even if the fallback works.
 */
export function createRouteMemory(rememberForMs: number = ROUTE_MEMORY_MS): RouteMemory {
  let remembered: { readonly route: RegionRole; readonly since: number } | undefined;
  return {
    preferred(nowMs) {
      if (remembered && nowMs - remembered.since < rememberForMs) return remembered.route;
      remembered = undefined;
      return 'default';
    },
    worked(route, nowMs) {
      if (route === 'default') remembered = undefined;
      else if (remembered?.route !== route) remembered = { route, since: nowMs };
    },
    failed(route) {
      if (remembered?.route === route) remembered = undefined;
    },
    forget() {
      remembered = undefined;
    },
  };
}

/** The page's one memory: the API client, the outbox and the beacons on leave share it. */
export const sharedRouteMemory: RouteMemory = createRouteMemory();

/** The pinned or default path for a request sent now on the route the memory prefers (beacons, keepalive fetches). */
export const preferredPath = (apiPath: string, memory: RouteMemory, nowMs: number): string => routePath(memory.preferred(nowMs), apiPath);

/** Waits `ms`; resolves early when `signal` aborts. */
export const abortableSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done);
  });

/** One try, as the `onAttempt` observer sees it. */
export interface AttemptReport {
  readonly route: Route;
  /** The path requested (pinned or default). */
  readonly path: string;
  /** 1 for the first round of routes, 2 after the first backoff, … */
  readonly round: number;
  readonly hedge: boolean;
  /** 'answer': any answer but a retryable failure; 'cancelled': the other hedged try won. */
  readonly outcome: 'answer' | 'failure' | 'cancelled';
  readonly status?: number;
}

export interface FallbackDeps {
  readonly fetch: typeof fetch;
  /** The backoff wait between rounds; resolves early when the signal aborts. */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly now: () => number;
  readonly random: () => number;
  readonly memory: RouteMemory;
  /** @default defaultRetryPolicy */
  readonly policy?: RetryPolicy;
  /** Prefixed to every path (e.g. `http://127.0.0.1:8080` in Node); nothing in a page (same origin). */
  readonly origin?: string;
  /** @default HEDGE_READ_AFTER_MS */
  readonly hedgeAfterMs?: number;
  /** @default ATTEMPT_TIMEOUT_MS */
  readonly timeoutMs?: number;
  /** Told about every try (the drill counts fallbacks with it). */
  readonly onAttempt?: (report: AttemptReport) => void;
}

export interface FallbackInit {
  /** @default 'GET' */
  readonly method?: string;
  readonly headers?: HeadersInit;
  /** A string, so it can be sent more than once. */
  readonly body?: string;
  readonly signal?: AbortSignal;
  readonly credentials?: RequestCredentials;
  readonly keepalive?: boolean;
  /** A POST whose server side deduplicates (an event id, a session) may fall back and be retried. */
  readonly idempotent?: boolean;
}

/** The browser's defaults: global fetch (looked up per call), timers, and the page's shared memory. */
export const browserFallbackDeps = (): FallbackDeps => ({
  fetch: (input, init) => fetch(input, init),
  sleep: abortableSleep,
  now: Date.now,
  random: Math.random,
  memory: sharedRouteMemory,
});

type TryResult =
  | { readonly kind: 'answer'; readonly response: Response }
  | { readonly kind: 'failure'; readonly failure: Failure; readonly response?: Response; readonly error?: unknown };

const discard = (response: Response | undefined): void => {
  if (response?.body && !response.bodyUsed) void response.body.cancel().catch(() => undefined);
};

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The request was aborted.', 'AbortError');
}

/**
 * Sends `path` (an API path, `/api/…`) per the rule above and resolves with the first answer that
 * is not a retryable failure (2xx, 3xx, or a 4xx other than 429: 401 and 403 are answers, never
 * asked elsewhere). When every route and retry failed, it resolves with the last failed response,
 * or rejects with the last network error (a timeout is a `TimeoutError` DOMException). It rejects
 * with the abort reason once `init.signal` aborts.
 */
export async function requestWithFallback(path: string, init: FallbackInit, deps: FallbackDeps): Promise<Response> {
  const policy = deps.policy ?? defaultRetryPolicy;
  const method = (init.method ?? 'GET').toUpperCase();
  const canFallBack = mayFallBack(method, init.idempotent);
  const hedgeAfterMs = deps.hedgeAfterMs ?? HEDGE_READ_AFTER_MS;
  const timeoutMs = deps.timeoutMs ?? ATTEMPT_TIMEOUT_MS;
  const { signal } = init;

  const tryOnce = async (route: Route, round: number, hedge: boolean, own: AbortController): Promise<TryResult> => {
    const url = `${deps.origin ?? ''}${routePath(route, path)}`;
    const onCallerAbort = () => own.abort(signal ? abortError(signal) : undefined);
    signal?.addEventListener('abort', onCallerAbort);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      own.abort(new DOMException(`no answer from ${url} within ${timeoutMs} ms`, 'TimeoutError'));
    }, timeoutMs);
    const report = (outcome: AttemptReport['outcome'], status?: number) =>
      deps.onAttempt?.({ route, path: routePath(route, path), round, hedge, outcome, ...(status === undefined ? {} : { status }) });
    try {
      const response = await deps.fetch(url, {
        method,
        ...(init.headers === undefined ? {} : { headers: init.headers }),
        ...(init.body === undefined ? {} : { body: init.body }),
        ...(init.credentials === undefined ? {} : { credentials: init.credentials }),
        ...(init.keepalive === undefined ? {} : { keepalive: init.keepalive }),
        signal: own.signal,
      });
      if (isRetryable({ kind: 'status', status: response.status })) {
        deps.memory.failed(route);
        report('failure', response.status);
        return { kind: 'failure', failure: { kind: 'status', status: response.status }, response };
      }
      deps.memory.worked(route, deps.now());
      report('answer', response.status);
      return { kind: 'answer', response };
    } catch (error) {
      if (signal?.aborted) throw abortError(signal);
      if (own.signal.aborted && !timedOut) {
        report('cancelled');
        return { kind: 'failure', failure: { kind: 'network' }, error };
      }
      deps.memory.failed(route);
      report('failure');
      return { kind: 'failure', failure: { kind: timedOut ? 'timeout' : 'network' }, error: timedOut ? own.signal.reason : error };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
    }
  };

  /**
   * `first`, and `second` too if `first` has not answered within the hedge delay; the first
   * answer wins and the other try is aborted. `tried` says which routes were sent to.
   */
  const hedged = (first: Route, second: Route, round: number): Promise<{ result: TryResult; tried: readonly Route[] }> =>
    new Promise((resolve, reject) => {
      const controllers: AbortController[] = [];
      const tried: Route[] = [];
      const failures: TryResult[] = [];
      let settled = false;
      // The try whose response is kept must not be aborted: that would cut off its body.
      const finish = (result: TryResult, keep: AbortController) => {
        settled = true;
        clearTimeout(hedgeTimer);
        for (const controller of controllers) if (controller !== keep) controller.abort();
        for (const failed of failures) if (failed !== result) discard(failed.response);
        resolve({ result, tried });
      };
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(hedgeTimer);
        for (const controller of controllers) controller.abort();
        reject(error);
      };
      const send = (route: Route, hedge: boolean) => {
        const controller = new AbortController();
        controllers.push(controller);
        tried.push(route);
        tryOnce(route, round, hedge, controller).then((result) => {
          if (settled) return discard(result.response);
          if (result.kind === 'answer') return finish(result, controller);
          failures.push(result);
          // Every try sent so far has failed: the round goes on without waiting for the hedge delay.
          if (failures.length === tried.length) finish(result, controller);
        }, fail);
      };
      const hedgeTimer = setTimeout(() => {
        if (!settled) send(second, true);
      }, hedgeAfterMs);
      send(first, false);
    });

  for (let round = 1; ; round += 1) {
    if (signal?.aborted) throw abortError(signal);
    const order = routeOrder(deps.memory.preferred(deps.now()));
    const routes = canFallBack ? order : order.slice(0, 1);
    let last: TryResult | undefined;
    let remaining: readonly Route[] = routes;
    if (isHedgedRead(method) && canFallBack) {
      const first = routes[0] ?? 'default';
      const { result, tried } = await hedged(first, hedgeRoute(first), round);
      if (result.kind === 'answer') return result.response;
      last = result;
      remaining = routes.filter((route) => !tried.includes(route));
    }
    for (const route of remaining) {
      const result = await tryOnce(route, round, false, new AbortController());
      if (result.kind === 'answer') {
        discard(last?.response);
        return result.response;
      }
      discard(last?.response);
      last = result;
    }
    if (!last || last.kind === 'answer') throw new Error('no route was tried');
    const decision = decideRetry({
      attempt: round,
      method,
      markedIdempotent: init.idempotent ?? false,
      failure: last.failure,
      retryAfter: last.response?.headers.get('retry-after'),
      policy,
      random: deps.random,
      nowMs: deps.now(),
    });
    if (!decision.retry) {
      if (last.response) return last.response;
      throw last.error;
    }
    discard(last.response);
    await deps.sleep(decision.delayMs, signal);
  }
}
