import { request } from 'node:http';
import { HEALTHY_FRACTION } from '@stride/contract/failover';

export interface HealthCheckConfig {
  readonly id: string;
  /** Probed straight at the region, not through the CDN. */
  readonly host: string;
  readonly port: number;
  readonly path: string;
  /** AWS allows 10 or 30 s; the local stack lets tests go lower. */
  readonly requestIntervalMs: number;
  /** Consecutive results that flip a checker's verdict: 1–10, default 3. */
  readonly failureThreshold: number;
  /** How many independent checkers probe (AWS uses ~15 across regions). */
  readonly checkers: number;
  /** A response must arrive within this (AWS: 2 s after the connection). */
  readonly timeoutMs: number;
}

export interface CheckerState {
  readonly name: string;
  healthy: boolean;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  lastStatus: string;
  lastCheckedAt: string | null;
}

/** 2xx/3xx within the timeout is a pass; anything else (other status, timeout, refused) a fail. */
export function probe(host: string, port: number, path: string, timeoutMs: number): Promise<{ ok: boolean; status: string }> {
  return new Promise((resolve) => {
    const req = request(
      { host, port, path, method: 'GET', headers: { 'user-agent': 'Amazon-Route53-Health-Check-Service (local)' }, timeout: timeoutMs },
      (res) => {
        res.resume();
        const code = res.statusCode ?? 0;
        resolve({ ok: code >= 200 && code < 400, status: `HTTP ${code}` });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no response in ${timeoutMs} ms`)));
    req.on('error', (error) => resolve({ ok: false, status: error.message }));
    req.end();
  });
}

/**
 * One Route 53 health check: several checkers, each probing every interval (staggered so their
 * probes spread across it, as Route 53's do), each flipping its verdict after `failureThreshold`
 * consecutive opposite results; the check is healthy while > 18 % of checkers say healthy.
 */
export class HealthCheck {
  readonly checkers: CheckerState[];
  private timers: NodeJS.Timeout[] = [];
  private onChange: ((healthy: boolean) => void) | undefined;
  private last: boolean;

  constructor(readonly config: HealthCheckConfig) {
    // A new health check starts healthy, as Route 53's do until enough failures arrive.
    this.checkers = Array.from({ length: config.checkers }, (_, i) => ({
      name: `checker-${i + 1}`,
      healthy: true,
      consecutiveFailures: 0,
      consecutiveSuccesses: 0,
      lastStatus: 'not checked yet',
      lastCheckedAt: null,
    }));
    this.last = true;
  }

  get healthy(): boolean {
    return this.checkers.filter((c) => c.healthy).length / this.checkers.length > HEALTHY_FRACTION;
  }

  start(onChange?: (healthy: boolean) => void): void {
    this.onChange = onChange;
    const { requestIntervalMs, checkers } = this.config;
    this.checkers.forEach((checker, i) => {
      const offset = Math.floor((requestIntervalMs * i) / checkers);
      const first = setTimeout(() => {
        void this.check(checker);
        this.timers.push(setInterval(() => void this.check(checker), requestIntervalMs));
      }, offset);
      this.timers.push(first);
    });
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }

  private async check(checker: CheckerState): Promise<void> {
    const { host, port, path, timeoutMs, failureThreshold } = this.config;
    const result = await probe(host, port, path, timeoutMs);
    checker.lastStatus = result.status;
    checker.lastCheckedAt = new Date().toISOString();
    if (result.ok) {
      checker.consecutiveSuccesses += 1;
      checker.consecutiveFailures = 0;
      if (!checker.healthy && checker.consecutiveSuccesses >= failureThreshold) checker.healthy = true;
    } else {
      checker.consecutiveFailures += 1;
      checker.consecutiveSuccesses = 0;
      if (checker.healthy && checker.consecutiveFailures >= failureThreshold) checker.healthy = false;
    }
    const now = this.healthy;
    if (now !== this.last) {
      this.last = now;
      this.onChange?.(now);
    }
  }
}
