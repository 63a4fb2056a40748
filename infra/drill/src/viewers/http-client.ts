import { decideRetry, defaultRetryPolicy, type Failure, type RetryPolicy } from '../../../../web/src/shared/api/retry-policy';
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

  header(): string {
    return [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
  }
}

export interface Answer {
  readonly ok: boolean;
  readonly status: number | 'network' | 'timeout';
  readonly region: string | null;
  readonly body: string;
  readonly attempts: number;
}

export interface ViewerHttpOptions {
  readonly siteUrl: string;
  readonly record: (event: DrillEvent) => void;
  readonly policy?: RetryPolicy;
  /** The app's request timeout (retrying-base-query: 10 s). */
  readonly timeoutMs?: number;
  readonly random?: () => number;
  /** Stops waiting between retries when the drill ends. */
  readonly signal?: AbortSignal;
}

/**
 * A viewer's HTTP through the site (the CDN), with the app's own retry policy
 * (web/src/shared/api/retry-policy.ts: which failures retry, full-jitter backoff, Retry-After).
 * Every attempt is recorded as a request event; the answer is what the viewer finally got.
 */
export class ViewerHttp {
  readonly jar = new CookieJar();
  constructor(private readonly options: ViewerHttpOptions) {}

  async request(path: string, init: { method?: string; body?: unknown; idempotent?: boolean; api: boolean }): Promise<Answer> {
    const method = init.method ?? 'GET';
    const policy = this.options.policy ?? defaultRetryPolicy;
    const random = this.options.random ?? Math.random;
    for (let attempt = 1; ; attempt += 1) {
      let failure: Failure | undefined;
      let answer: Answer;
      let retryAfter: string | null = null;
      try {
        const response = await fetch(`${this.options.siteUrl}${path}`, {
          method,
          headers: {
            ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
            cookie: this.jar.header(),
            'user-agent': 'stride-drill-viewer',
          },
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
          redirect: 'manual',
        });
        this.jar.store(response);
        const body = Buffer.from(await response.arrayBuffer()).toString(path.endsWith('.ts') ? 'latin1' : 'utf8');
        answer = { ok: response.ok, status: response.status, region: response.headers.get('x-stride-region'), body, attempts: attempt };
        if (!response.ok) failure = { kind: 'status', status: response.status };
        retryAfter = response.headers.get('retry-after');
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
        failure = timedOut ? { kind: 'timeout' } : { kind: 'network' };
        answer = { ok: false, status: timedOut ? 'timeout' : 'network', region: null, body: '', attempts: attempt };
      }
      this.options.record({ t: Date.now(), type: 'request', api: init.api, ok: answer.ok, region: answer.region, status: answer.status });
      if (!failure || this.options.signal?.aborted) return answer;
      const decision = decideRetry({
        attempt,
        method,
        markedIdempotent: init.idempotent ?? false,
        failure,
        retryAfter,
        policy,
        random,
        nowMs: Date.now(),
      });
      if (!decision.retry) return answer;
      await sleep(decision.delayMs, this.options.signal);
    }
  }
}
