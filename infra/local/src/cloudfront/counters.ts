/**
 * What the local CloudFront has done since it started, in the terms CloudFront's own reports use
 * (cache statistics per behavior, origin requests, Lambda@Edge invocations), so a rehearsal can
 * read rates from two snapshots. Counts only; nothing here changes what a request gets.
 */

/** The content kinds a launch cares about, told apart by URL (contract/src/urls.ts lays them out). */
export type ContentKind = 'pages' | 'page-data' | 'assets' | 'media' | 'api';

export function contentKind(path: string): ContentKind {
  if (path.startsWith('/api/')) return 'api';
  if (path.startsWith('/media/')) return 'media';
  if (path.startsWith('/data/')) return 'page-data';
  const last = path.slice(path.lastIndexOf('/') + 1);
  // Pages are extensionless (or their .html object); everything else with an extension is an asset.
  return last.includes('.') && !last.endsWith('.html') ? 'assets' : 'pages';
}

export interface CacheCounts {
  requests: number;
  /** Served from the cache (Hit, RefreshHit, stale-while-revalidate). */
  hits: number;
  /** Went to the origin (or would have: see collapsed). */
  misses: number;
  /** Misses that waited for another request's origin fetch of the same cache key (request collapsing). */
  collapsed: number;
  /** Answered by the viewer-request function itself (redirects, 401 → login): never cached, no origin. */
  generated: number;
  /** 4xx/5xx answered to the viewer. */
  errors: number;
  bytesOut: number;
}

export interface CountersSnapshot {
  readonly at: string;
  /** By behavior path pattern (`*`, `/media/*`, `/api/*`). */
  readonly behaviors: Readonly<Record<string, CacheCounts>>;
  /** By content kind (pages, page data, assets share the default behavior). */
  readonly kinds: Readonly<Record<string, CacheCounts>>;
  /** Requests CloudFront sent to each origin: bucket name, or `api <region>`. */
  readonly originRequests: Readonly<Record<string, number>>;
  /** Lambda@Edge invocations per function, with their total run time (billed per ms). */
  readonly edgeInvocations: Readonly<Record<string, { count: number; totalMs: number }>>;
  /**
   * Requests each origin group sent on to its fallback, by origin name (`site`, `media`,
   * `api-regions`). Optional: snapshots recorded before it was counted have none.
   */
  readonly originGroupFailovers?: Readonly<Record<string, number>>;
}

const zero = (): CacheCounts => ({ requests: 0, hits: 0, misses: 0, collapsed: 0, generated: 0, errors: 0, bytesOut: 0 });

export interface ViewerRequestRecord {
  readonly path: string;
  readonly behavior: string;
  /** Where the answer came from: the cache, an origin fetch of its own, another request's fetch, the viewer-request function, or none of these (refused, API). */
  readonly served: 'hit' | 'miss' | 'collapsed' | 'generated' | 'none';
  readonly status: number;
  readonly bytes: number;
}

export class DistributionCounters {
  private readonly behaviors = new Map<string, CacheCounts>();
  private readonly kinds = new Map<string, CacheCounts>();
  private readonly origins = new Map<string, number>();
  private readonly edge = new Map<string, { count: number; totalMs: number }>();
  private readonly failovers = new Map<string, number>();

  /** One viewer request, once answered. */
  viewerRequest(r: ViewerRequestRecord): void {
    for (const [map, name] of [
      [this.behaviors, r.behavior],
      [this.kinds, contentKind(r.path)],
    ] as const) {
      const c = map.get(name) ?? zero();
      c.requests += 1;
      if (r.served === 'hit') c.hits += 1;
      else if (r.served === 'generated') c.generated += 1;
      else if (r.served === 'miss') c.misses += 1;
      else if (r.served === 'collapsed') {
        c.misses += 1;
        c.collapsed += 1;
      }
      if (r.status >= 400) c.errors += 1;
      c.bytesOut += r.bytes;
      map.set(name, c);
    }
  }

  originRequest(origin: string): void {
    this.origins.set(origin, (this.origins.get(origin) ?? 0) + 1);
  }

  /** An origin group asked its fallback (the primary failed, or answered a failover code). */
  originGroupFailover(group: string): void {
    this.failovers.set(group, (this.failovers.get(group) ?? 0) + 1);
  }

  edgeInvocation(fn: string, ms: number): void {
    const e = this.edge.get(fn) ?? { count: 0, totalMs: 0 };
    e.count += 1;
    e.totalMs += ms;
    this.edge.set(fn, e);
  }

  snapshot(now = new Date()): CountersSnapshot {
    const copy = (m: Map<string, CacheCounts>) => Object.fromEntries([...m].map(([k, v]) => [k, { ...v }]));
    return {
      at: now.toISOString(),
      behaviors: copy(this.behaviors),
      kinds: copy(this.kinds),
      originRequests: Object.fromEntries(this.origins),
      edgeInvocations: Object.fromEntries(
        [...this.edge].map(([k, v]) => [k, { count: v.count, totalMs: Math.round(v.totalMs * 1000) / 1000 }]),
      ),
      originGroupFailovers: Object.fromEntries(this.failovers),
    };
  }
}
