import {
  createRouteMemory,
  requestWithFallback,
  type AttemptReport,
  type FallbackDeps,
  type RouteMemory,
} from '@stride/web/region-fallback';
import { decideRetry, defaultRetryPolicy, type Failure, type RetryPolicy } from '@stride/web/retry-policy';
import type { DrillEvent } from '../events';
import { sleep } from '../sleep';

/** A viewer's cookies (name → value), as a browser would keep them for the one site. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired =
        attributes.some((a) => /^\s*max-age=\s*0\s*$/i.test(a)) ||
        attributes.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split('=')[1] ?? '') < Date.now());
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** Takes every cookie of `other` (a sign-in made with a fresh jar, adopted once it succeeded). */
  adopt(other: CookieJar): void {
    this.cookies.clear();
    for (const [n, v] of other.cookies) this.cookies.set(n, v);
  }

  header(): string {
    return [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
  }
}

export interface Answer {
  readonly ok: boolean;
  readonly status: number | 'network' | 'timeout';
  readonly region: string | null;
  readonly body: string;
}

/** How many tries went where: the default path, each region's pinned path, and how many were hedges. */
export interface RouteCounts {
  default: number;
  primary: number;
  secondary: number;
  hedges: number;
}

export const emptyRouteCounts = (): RouteCounts => ({ default: 0, primary: 0, secondary: 0, hedges: 0 });

export interface ViewerHttpOptions {
  readonly siteUrl: string;
  readonly record: (event: DrillEvent) => void;
  /** Media retries (hls.js's own, approximated by the app's retry policy). */
  readonly policy?: RetryPolicy;
  /** A media request's timeout (10 s, as the app's). */
  readonly timeoutMs?: number;
  readonly random?: () => number;
  /** Stops waiting between retries when the drill ends. */
  readonly signal?: AbortSignal;
  /** The user agent the viewer sends (a TV's gets the TV pages). */
  readonly userAgent?: string;
  /** Counts every API try by route (shared by all light viewers). */
  readonly routes?: RouteCounts;
  /** Overrides the global fetch (tests). */
  readonly fetch?: typeof fetch;
}

/**
 * A viewer's HTTP through the site (the CDN). API requests go through the app's own request
 * function (`requestWithFallback` from @stride/web/region-fallback: the default path, hedged reads,
 * the region-pinned paths, the retry policy's rounds, a memory of the route that answered), with
 * this viewer's cookies; media requests retry per the app's retry policy. One request event is
 * recorded per request, with what the viewer finally got.
 */
export class ViewerHttp {
  readonly jar = new CookieJar();
  /** The app keeps one per page; a viewer is one page. */
  readonly memory: RouteMemory = createRouteMemory();
  constructor(private readonly options: ViewerHttpOptions) {}

  private get fetchFn(): typeof fetch {
    return this.options.fetch ?? fetch;
  }

  private headers(extra?: HeadersInit): Headers {
    const headers = new Headers(extra);
    const cookie = this.jar.header();
    if (cookie) headers.set('cookie', cookie);
    headers.set('user-agent', this.options.userAgent ?? 'stride-drill-viewer');
    return headers;
  }

  /**
   * How this viewer's API requests are sent (`requestWithFallback`'s deps): through the site,
   * with this viewer's cookies (each try's answer may set some), the viewer's route memory, and
   * the route counts. `observe` sees every try's answer (the outbox's sends use it to record what
   * the viewer finally got).
   */
  fallbackDeps(observe?: (response: Response) => void): FallbackDeps {
    const routes = this.options.routes;
    return {
      fetch: async (input, requestInit) => {
        const response = await this.fetchFn(input, { ...requestInit, headers: this.headers(requestInit?.headers), redirect: 'manual' });
        this.jar.store(response);
        observe?.(response);
        return response;
      },
      sleep: (ms, signal) => sleep(ms, signal),
      now: Date.now,
      random: this.options.random ?? Math.random,
      memory: this.memory,
      origin: this.options.siteUrl,
      onAttempt: (report: AttemptReport) => {
        if (!routes || report.outcome === 'cancelled') return;
        routes[report.route] += 1;
        if (report.hedge) routes.hedges += 1;
      },
    };
  }

  /** Records one API request's final answer, as the app saw it. */
  recordApi(answer: Pick<Answer, 'ok' | 'status' | 'region'>): void {
    this.options.record({ t: Date.now(), type: 'request', api: true, ok: answer.ok, region: answer.region, status: answer.status });
  }

  /** An API request (`/api/…`) as the app sends it; `signal` aborts it (the drill ending). */
  async api(path: string, init: { method?: string; body?: unknown; idempotent?: boolean; signal?: AbortSignal } = {}): Promise<Answer> {
    let answer: Answer;
    try {
      const response = await requestWithFallback(
        path,
        {
          method: init.method ?? 'GET',
          ...(init.body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) }),
          ...(init.signal ? { signal: init.signal } : {}),
          ...(init.idempotent ? { idempotent: true } : {}),
        },
        this.fallbackDeps(),
      );
      const body = await response.text();
      answer = { ok: response.ok, status: response.status, region: response.headers.get('x-stride-region'), body };
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      answer = { ok: false, status: timedOut ? 'timeout' : 'network', region: null, body: '' };
    }
    this.recordApi(answer);
    return answer;
  }

  /** A media request (playlists, segments), retried per the app's retry policy (hls.js retries a failed load too); one event for what it finally got. */
  async media(path: string): Promise<Answer> {
    const policy = this.options.policy ?? defaultRetryPolicy;
    const random = this.options.random ?? Math.random;
    for (let attempt = 1; ; attempt += 1) {
      let failure: Failure | undefined;
      let answer: Answer;
      let retryAfter: string | null = null;
      try {
        const response = await this.fetchFn(`${this.options.siteUrl}${path}`, {
          headers: this.headers(),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
          redirect: 'manual',
        });
        this.jar.store(response);
        const body = Buffer.from(await response.arrayBuffer()).toString(path.endsWith('.ts') ? 'latin1' : 'utf8');
        answer = { ok: response.ok, status: response.status, region: null, body };
        if (!response.ok) failure = { kind: 'status', status: response.status };
        retryAfter = response.headers.get('retry-after');
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
        failure = timedOut ? { kind: 'timeout' } : { kind: 'network' };
        answer = { ok: false, status: timedOut ? 'timeout' : 'network', region: null, body: '' };
      }
      const decision =
        failure && !this.options.signal?.aborted
          ? decideRetry({ attempt, method: 'GET', failure, retryAfter, policy, random, nowMs: Date.now() })
          : ({ retry: false } as const);
      if (!decision.retry) {
        this.options.record({ t: Date.now(), type: 'request', api: false, ok: answer.ok, region: null, status: answer.status });
        return answer;
      }
      await sleep(decision.delayMs, this.options.signal);
    }
  }
}
