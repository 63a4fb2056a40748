import { timingSafeEqual } from 'node:crypto';
import { HEALTH_CHECK_PATH, ORIGIN_VERIFY_HEADER } from '@stride/contract/origin-access';
import { ORIGIN_SECRET_MIN_LENGTH } from '@stride/contract/origin-secret-format';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** Reads the values CloudFront may send in the origin-verify header: the current one, and the previous one during a rotation. */
export type OriginSecretsReader = () => Promise<readonly string[]>;

export interface OriginGuardOptions {
  readonly read: OriginSecretsReader;
  /** The clock (ms); tests move it. */
  readonly now?: () => number;
  /**
   * After a mismatch, the secret is read again at most this often: a rotation reaches a warm
   * container within this time, and a flood of forged requests costs one read per interval.
   * @default 60_000
   */
  readonly rereadIntervalMs?: number;
}

const sameSecret = (sent: string, expected: string): boolean => {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * Whether a request came through CloudFront: it carries the origin-verify header with a value
 * the secret holds. The health checks' ping is the one exception (Route 53 calls each region
 * directly, and the ping reveals nothing). A rotated secret is picked up without a cold start:
 * on a mismatch the secret is read again, at most once per interval.
 */
export class OriginGuard {
  private accepted: readonly string[] = [];
  private readAtMs = Number.NEGATIVE_INFINITY;
  private reading: Promise<void> | undefined;
  private readonly now: () => number;
  private readonly rereadIntervalMs: number;

  private constructor(private readonly options: OriginGuardOptions) {
    this.now = options.now ?? Date.now;
    this.rereadIntervalMs = options.rereadIntervalMs ?? 60_000;
  }

  /** Reads the secret once before the first event, so a bad secret fails the cold start, named. */
  static async start(options: OriginGuardOptions): Promise<OriginGuard> {
    const guard = new OriginGuard(options);
    await guard.refresh();
    return guard;
  }

  private async refresh(): Promise<void> {
    this.reading ??= this.options
      .read()
      .then((values) => {
        const usable = values.filter((v) => v.length >= ORIGIN_SECRET_MIN_LENGTH);
        if (usable.length === 0)
          throw new Error(`the origin-verify secret holds no value of ${ORIGIN_SECRET_MIN_LENGTH} characters or more`);
        this.accepted = usable;
        this.readAtMs = this.now();
      })
      .finally(() => {
        this.reading = undefined;
      });
    return this.reading;
  }

  private matches(sent: string): boolean {
    return this.accepted.some((value) => sameSecret(sent, value));
  }

  async admits(event: APIGatewayProxyEventV2): Promise<boolean> {
    const method = event.requestContext.http.method.toUpperCase();
    if (event.rawPath === HEALTH_CHECK_PATH && (method === 'GET' || method === 'HEAD')) return true;
    const sent = event.headers[ORIGIN_VERIFY_HEADER];
    if (!sent) return false;
    if (this.matches(sent)) return true;
    if (this.now() - this.readAtMs < this.rereadIntervalMs) return false;
    try {
      await this.refresh();
    } catch {
      // Keep the last good values: a failed read must not open the door, nor close it for CloudFront.
      this.readAtMs = this.now();
      return false;
    }
    return this.matches(sent);
  }
}
