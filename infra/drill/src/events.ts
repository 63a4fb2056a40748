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
  | { readonly t: number; readonly type: 'play-started' | 'play-ended' | 'play-failed' | 'stall'; readonly viewer: string }
  /** A play's first frame (light viewer: its first segment; real player: the video playing), `pressedAt` when play was pressed. */
  | { readonly t: number; readonly type: 'first-frame'; readonly viewer: string; readonly pressedAt: number }
  /** One sign-in, `t` when it was attempted (after the app's fallback): whether it succeeded, and which region answered. */
  | { readonly t: number; readonly type: 'sign-in'; readonly viewer: string; readonly ok: boolean; readonly region: string | null }
  /**
   * A resume point as a region gave it, beside the viewer's own last acknowledged save of that
   * workout (what it should resume at): how far back a failover sent the viewer.
   */
  | {
      readonly t: number;
      readonly type: 'resume';
      readonly viewer: string;
      readonly region: string | null;
      readonly positionSec: number;
      readonly lastSave: { readonly positionSec: number; readonly ackedAt: number; readonly region: string | null } | null;
    }
  /** The replication probe: a write acknowledged by the primary at `t`, first seen in the secondary at `seenAt` (null: not within the probe's wait). */
  | { readonly t: number; readonly type: 'replication-probe'; readonly sentAt: number; readonly seenAt: number | null };

export const isSample = (e: DrillEvent): e is Extract<DrillEvent, { type: 'sample' }> => e.type === 'sample';
export const isRequest = (e: DrillEvent): e is Extract<DrillEvent, { type: 'request' }> => e.type === 'request';
