/**
 * The drill scenarios: one definition each, run the same way against the local stack and AWS.
 * A scenario names its faults (applied in order, undone in reverse), when to take them away,
 * and the steady state it expects before and after (the hypothesis the verdict tests).
 */

/** One fault, as a step the target knows how to apply and undo. */
export type FaultStep =
  | { readonly kind: 'region-concurrency'; readonly region: 'primary'; readonly reservedConcurrency: 0 }
  | { readonly kind: 'region-errors'; readonly region: 'primary'; readonly errorShare: number }
  | { readonly kind: 'region-latency'; readonly region: 'primary'; readonly addedLatencyMs: number }
  | { readonly kind: 'bucket-unavailable'; readonly bucket: 'site' | 'media' }
  | { readonly kind: 'replication-pause' };

/**
 * When the faults come off: once the failover happened (the viewers' resolver answers the
 * secondary, and a viewer was served there) and then `thenSec` more, or after a fixed time when no
 * failover is expected. Both are bounded by the drill's `--max-duration`. Viewers reach the
 * secondary long before DNS flips now (origin group, pinned paths), so the first success elsewhere
 * alone would end the fault before the part of the outage DNS decides.
 */
export type HoldRule =
  | { readonly kind: 'until-failover'; readonly thenSec: number; readonly orAfterSec: number }
  | { readonly kind: 'for'; readonly seconds: number };

export type ScenarioName =
  'region-kill' | 'region-errors' | 'region-latency' | 'site-bucket-loss' | 'media-bucket-loss' | 'replication-pause' | 'failback';

export interface Scenario {
  readonly name: ScenarioName;
  /** One line for --list and the report. */
  readonly summary: string;
  /** What the scenario expects, in plain words (the hypothesis). */
  readonly expects: string;
  readonly faults: readonly FaultStep[];
  readonly hold: HoldRule;
  /** Whether the way back (after the faults come off) is what this scenario measures. */
  readonly measuresFailback: boolean;
}

export interface ScenarioOptions {
  /** region-errors: the share of the primary's invocations that fail (default 0.5). */
  readonly errorShare?: number;
  /** region-latency: added to each invocation (default 3000 ms, beyond the health check's 2 s budget). */
  readonly addedLatencyMs?: number;
  /** How long to keep a fault that is not expected to fail over (default 30 s). */
  readonly holdSec?: number;
  /** How long a fault that fails over stays after DNS flipped (default 15 s): plays started on the flipped path are measured too. */
  readonly afterFailoverSec?: number;
}

const STEADY =
  'Steady state: both regions’ health checks are healthy, api.<domain> resolves to the primary, nothing is injected, and every viewer’s play starts (first segment within 10 s), plays without a stall over 2 s, and every progress save and view milestone lands in the table of the region serving.';

export function scenarios(options: ScenarioOptions = {}): readonly Scenario[] {
  const errorShare = options.errorShare ?? 0.5;
  const addedLatencyMs = options.addedLatencyMs ?? 3_000;
  const holdSec = options.holdSec ?? 30;
  const untilFailover: HoldRule = { kind: 'until-failover', thenSec: options.afterFailoverSec ?? 15, orAfterSec: holdSec * 10 };
  return [
    {
      name: 'region-kill',
      summary: 'The primary API’s reserved concurrency goes to 0 (every invocation throttled), then is restored.',
      expects: `${STEADY} During the kill, Route 53 marks the primary unhealthy and api.<domain> fails over to the secondary; viewers should not notice.`,
      faults: [{ kind: 'region-concurrency', region: 'primary', reservedConcurrency: 0 }],
      hold: untilFailover,
      measuresFailback: false,
    },
    {
      name: 'region-errors',
      summary: `${Math.round(errorShare * 100)} % of the primary’s invocations fail (500 from API Gateway) for ${holdSec} s.`,
      expects: `${STEADY} A partial fault may never fail the health check (Route 53 needs > 82 % of checkers to see failures), so DNS may stay on the primary; viewers should not notice anyway.`,
      faults: [{ kind: 'region-errors', region: 'primary', errorShare }],
      hold: { kind: 'for', seconds: holdSec },
      measuresFailback: false,
    },
    {
      name: 'region-latency',
      summary: `The primary answers ${addedLatencyMs} ms late (beyond the health check’s 2 s budget), then is restored.`,
      expects: `${STEADY} The health checks time out, so api.<domain> fails over to the secondary; viewers should not notice the slowness or the move.`,
      faults: [{ kind: 'region-latency', region: 'primary', addedLatencyMs }],
      hold: untilFailover,
      measuresFailback: false,
    },
    {
      name: 'site-bucket-loss',
      summary: `The site bucket is taken away for ${holdSec} s (the origin group fails over to the replica).`,
      expects: `${STEADY} Pages keep loading from the site replica; viewers should not notice.`,
      faults: [{ kind: 'bucket-unavailable', bucket: 'site' }],
      hold: { kind: 'for', seconds: holdSec },
      measuresFailback: false,
    },
    {
      name: 'media-bucket-loss',
      summary: `The media bucket is taken away for ${holdSec} s (/media/* fails over to the media replica).`,
      expects: `${STEADY} Segments keep coming from the media replica; no play fails, no stall.`,
      faults: [{ kind: 'bucket-unavailable', bucket: 'media' }],
      hold: { kind: 'for', seconds: holdSec },
      measuresFailback: false,
    },
    {
      name: 'replication-pause',
      summary:
        'The tables stop replicating, then the primary is killed: viewers move to a secondary that missed their latest writes; then both are restored.',
      expects: `${STEADY} After the failover a viewer resumes no further back than the replication lag, and no write is lost once replication resumes.`,
      faults: [{ kind: 'replication-pause' }, { kind: 'region-concurrency', region: 'primary', reservedConcurrency: 0 }],
      hold: untilFailover,
      measuresFailback: false,
    },
    {
      name: 'failback',
      summary: 'The primary is killed until viewers are on the secondary, then restored: the drill measures the way back.',
      expects: `${STEADY} When the primary is restored its health check recovers and api.<domain> moves back; viewers should notice neither move.`,
      faults: [{ kind: 'region-concurrency', region: 'primary', reservedConcurrency: 0 }],
      hold: untilFailover,
      measuresFailback: true,
    },
  ];
}

export const SCENARIO_NAMES: readonly ScenarioName[] = scenarios().map((s) => s.name);

export function findScenario(name: string, options?: ScenarioOptions): Scenario | undefined {
  return scenarios(options).find((s) => s.name === name);
}

/** Plain words for one fault step (plans, progress lines, the report's method). */
export function describeStep(step: FaultStep): string {
  switch (step.kind) {
    case 'region-concurrency':
      return 'set the primary API’s reserved concurrency to 0';
    case 'region-errors':
      return `fail ${Math.round(step.errorShare * 100)} % of the primary’s invocations`;
    case 'region-latency':
      return `add ${step.addedLatencyMs} ms to each of the primary’s invocations`;
    case 'bucket-unavailable':
      return `take the ${step.bucket} bucket away`;
    case 'replication-pause':
      return 'pause table replication between the regions';
  }
}

export function describeUndo(step: FaultStep): string {
  switch (step.kind) {
    case 'region-concurrency':
      return 'remove the primary API’s reserved concurrency';
    case 'region-errors':
      return 'stop failing the primary’s invocations';
    case 'region-latency':
      return 'stop delaying the primary’s invocations';
    case 'bucket-unavailable':
      return `give the ${step.bucket} bucket back`;
    case 'replication-pause':
      return 'resume table replication';
  }
}
