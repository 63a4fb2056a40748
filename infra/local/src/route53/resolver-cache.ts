import type { FailoverAnswer, FailoverRecordSet } from './failover-record';

/**
 * A DNS resolver's cache in front of Route 53, as CloudFront's origin resolution sees it: an
 * answer is reused until its TTL runs out, so a failover reaches viewers up to one TTL late.
 */
export class ResolverCache {
  private cached: { answer: FailoverAnswer; expiresAt: number } | undefined;

  constructor(
    private readonly records: FailoverRecordSet,
    private readonly now: () => number,
  ) {}

  resolve(): FailoverAnswer {
    const t = this.now();
    if (!this.cached || t >= this.cached.expiresAt) {
      const answer = this.records.resolve();
      this.cached = { answer, expiresAt: t + answer.ttlSeconds * 1000 };
    }
    return this.cached.answer;
  }

  /** What the cache holds now, for the console. */
  peek(): { answer: FailoverAnswer; expiresInMs: number } | undefined {
    return this.cached ? { answer: this.cached.answer, expiresInMs: Math.max(0, this.cached.expiresAt - this.now()) } : undefined;
  }
}
