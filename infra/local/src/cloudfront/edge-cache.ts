import type { CloudFrontHeaders } from 'aws-lambda';

export interface CachedResponse {
  readonly uri: string;
  readonly status: number;
  readonly headers: CloudFrontHeaders;
  readonly body: Buffer;
  readonly storedAt: number;
  readonly ttlMs: number;
  readonly staleWhileRevalidateMs: number;
}

/** The edge cache of one POP: entries by cache key, with hit/miss counts for the console. */
export class EdgeCache {
  private readonly entries = new Map<string, CachedResponse>();
  hits = 0;
  misses = 0;

  get(key: string): CachedResponse | undefined {
    return this.entries.get(key);
  }

  set(key: string, entry: CachedResponse): void {
    this.entries.set(key, entry);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * CreateInvalidation's matching: a path matches the object URI exactly, or — when it ends with
   * `*` — every URI starting with what precedes the `*`. Returns how many entries were removed.
   */
  invalidate(paths: readonly string[]): number {
    let removed = 0;
    for (const [key, entry] of this.entries) {
      const match = paths.some((p) => (p.endsWith('*') ? entry.uri.startsWith(p.slice(0, -1)) : entry.uri === p));
      if (match) {
        this.entries.delete(key);
        removed += 1;
      }
    }
    return removed;
  }
}
