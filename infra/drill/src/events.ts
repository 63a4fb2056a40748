/** What a drill observes, in time order: its own actions, the target's state, what viewers saw. */

/** Where api.<domain> points, as one side of the failover pair. */
export type Side = 'primary' | 'secondary';

export type DrillEvent =
  | { readonly t: number; readonly type: 'fault-applied' | 'fault-removed' }
  /** A poll of the target: health-check verdicts, DNS, anything injected. */
  | {
      readonly t: number;
      readonly type: 'sample';
      readonly primaryHealthy: boolean;
      readonly secondaryHealthy: boolean;
      /** What Route 53 answers now. */
      readonly dnsAnswer: Side;
      /** What the viewers' resolver (CloudFront's, locally; the drill host's on AWS) uses now. */
      readonly viewersResolveTo: Side | null;
      /** Whether any fault is in place (concurrency, errors, latency, bucket, replication). */
      readonly injected: boolean;
    }
  /** One HTTP request a viewer made (after its retries: what the viewer got). */
  | {
      readonly t: number;
      readonly type: 'request';
      readonly api: boolean;
      readonly ok: boolean;
      /** x-stride-region of an API answer. */
      readonly region: string | null;
      readonly status: number | 'network' | 'timeout';
    }
  | { readonly t: number; readonly type: 'play-started' | 'play-ended' | 'play-failed' | 'stall'; readonly viewer: string };

export const isSample = (e: DrillEvent): e is Extract<DrillEvent, { type: 'sample' }> => e.type === 'sample';
export const isRequest = (e: DrillEvent): e is Extract<DrillEvent, { type: 'request' }> => e.type === 'request';
