import type { Side } from '../events';
import type { FaultStep } from '../scenarios';

/** One poll of the target. */
export interface TargetSample {
  readonly primaryHealthy: boolean;
  readonly secondaryHealthy: boolean;
  readonly dnsAnswer: Side;
  readonly viewersResolveTo: Side | null;
  /** What is injected right now, in plain words (empty: nothing). */
  readonly injected: readonly string[];
}

/** A replica of the API table the drill can read at the end (lost writes) and seed viewers into. */
export interface TableEndpoint {
  readonly region: string;
  /** undefined: the region's real DynamoDB endpoint (AWS). */
  readonly endpoint?: string;
  readonly tableName: string;
}

/** What a drill drives: the local stack through its console, or AWS through the SDK. */
export interface DrillTarget {
  readonly kind: 'local' | 'aws';
  /** Where viewers go (the site through the CDN). */
  readonly siteUrl: string;
  readonly primaryRegion: string;
  readonly secondaryRegion: string;
  /** The health-check and DNS settings in force, for the report. */
  settings(): Promise<{
    readonly healthCheckIntervalSec: number;
    readonly failureThreshold: number;
    readonly dnsTtlSec: number;
    readonly replicationLagMs: number | null;
  }>;
  sample(): Promise<TargetSample>;
  /** Reasons not to start (empty: ready). Never changes anything. */
  preflight(): Promise<string[]>;
  /** Whether this target can apply the step (e.g. AWS has no replication pause): a reason when not. */
  unsupported(step: FaultStep): string | undefined;
  apply(step: FaultStep): Promise<void>;
  undo(step: FaultStep): Promise<void>;
  tables(): Promise<readonly TableEndpoint[]>;
}

export class TargetUnreachable extends Error {
  override name = 'TargetUnreachable';
}
