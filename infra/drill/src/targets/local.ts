import type { FaultStep } from '../scenarios';
import { TargetUnreachable, type DrillTarget, type TableEndpoint, type TargetSample } from './target';

/** The parts of the console's GET /api/state a drill reads. */
interface ConsoleState {
  regions: {
    region: string;
    reservedConcurrency: number | null;
    healthy: boolean;
    faults?: { errorShare: number; addedLatencyMs: number };
  }[];
  healthChecks: { region: string; intervalMs: number; failureThreshold: number; status: 'Healthy' | 'Unhealthy' }[];
  dns: {
    ttlSeconds: number;
    records: { failover: 'PRIMARY' | 'SECONDARY'; region: string }[];
    answer: string;
    cloudFrontResolvesTo: string | null;
  };
  origins: { name: string; available: boolean }[];
  replication?: { paused: boolean; lagMs: number; tables: { region: string; endpoint: string }[] };
}

const BUCKETS = { site: 'stride-site-primary', media: 'stride-media' } as const;
const TABLE_NAME = 'stride-api';

/** The local stack, driven through its console's JSON API (the same one an SRE uses). */
export class LocalTarget implements DrillTarget {
  readonly kind = 'local';
  primaryRegion = 'us-east-1';
  secondaryRegion = 'us-west-1';

  constructor(
    readonly consoleUrl: string,
    readonly siteUrl: string,
  ) {}

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.consoleUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(5_000),
      });
    } catch (error) {
      throw new TargetUnreachable(
        `The local console at ${this.consoleUrl} did not answer (${error instanceof Error ? error.message : String(error)}). Start the stack with \`npm start\`, pass --console <url>, or use --start.`,
      );
    }
    const text = await response.text();
    if (!response.ok) throw new Error(`console ${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  }

  private async state(): Promise<ConsoleState> {
    return (await this.call('GET', '/api/state')) as ConsoleState;
  }

  /** Learns which region is PRIMARY from the failover records. */
  async connect(): Promise<void> {
    const state = await this.state();
    this.primaryRegion = state.dns.records.find((r) => r.failover === 'PRIMARY')?.region ?? this.primaryRegion;
    this.secondaryRegion = state.dns.records.find((r) => r.failover === 'SECONDARY')?.region ?? this.secondaryRegion;
  }

  async settings() {
    const state = await this.state();
    const check = state.healthChecks.find((h) => h.region === this.primaryRegion);
    return {
      healthCheckIntervalSec: (check?.intervalMs ?? 0) / 1000,
      failureThreshold: check?.failureThreshold ?? 0,
      dnsTtlSec: state.dns.ttlSeconds,
      replicationLagMs: state.replication?.lagMs ?? null,
    };
  }

  private side(region: string | null): 'primary' | 'secondary' | null {
    if (region === null) return null;
    return region === this.primaryRegion ? 'primary' : 'secondary';
  }

  private injected(state: ConsoleState): string[] {
    const found: string[] = [];
    for (const r of state.regions) {
      if (r.reservedConcurrency !== null) found.push(`${r.region} reserved concurrency ${r.reservedConcurrency}`);
      if (r.faults && r.faults.errorShare > 0) found.push(`${r.region} error share ${r.faults.errorShare}`);
      if (r.faults && r.faults.addedLatencyMs > 0) found.push(`${r.region} added latency ${r.faults.addedLatencyMs} ms`);
    }
    for (const o of state.origins) if (!o.available) found.push(`bucket ${o.name} taken away`);
    if (state.replication?.paused) found.push('table replication paused');
    return found;
  }

  async sample(): Promise<TargetSample> {
    const state = await this.state();
    const healthy = (region: string) => state.healthChecks.find((h) => h.region === region)?.status === 'Healthy';
    return {
      primaryHealthy: healthy(this.primaryRegion),
      secondaryHealthy: healthy(this.secondaryRegion),
      dnsAnswer: this.side(state.dns.answer) ?? 'primary',
      viewersResolveTo: this.side(state.dns.cloudFrontResolvesTo),
      injected: this.injected(state),
    };
  }

  async preflight(): Promise<string[]> {
    let state: ConsoleState;
    try {
      state = await this.state();
    } catch (error) {
      return [error instanceof Error ? error.message : String(error)];
    }
    const reasons: string[] = [];
    for (const h of state.healthChecks)
      if (h.status !== 'Healthy')
        reasons.push(`the ${h.region} health check is ${h.status}: wait for it to recover (or restore the region) before a drill`);
    if (state.dns.answer !== this.primaryRegion)
      reasons.push(`api.<domain> resolves to ${state.dns.answer}, not the primary ${this.primaryRegion}: let it fail back first`);
    if (state.dns.cloudFrontResolvesTo !== null && state.dns.cloudFrontResolvesTo !== this.primaryRegion)
      reasons.push(
        `the CDN still resolves the API to ${state.dns.cloudFrontResolvesTo} (cached answer): wait one TTL (${state.dns.ttlSeconds} s)`,
      );
    for (const what of this.injected(state)) reasons.push(`something is already injected: ${what}; undo it in the console first`);
    if (!state.replication) reasons.push('the console reports no table replication (an older stack?): restart it with `npm start`');
    try {
      const response = await fetch(`${this.siteUrl}/api/ping`, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) reasons.push(`the site ${this.siteUrl} answered ${response.status} to /api/ping`);
    } catch (error) {
      reasons.push(
        `the site ${this.siteUrl} did not answer (${error instanceof Error ? error.message : String(error)}): pass --site <url>`,
      );
    }
    return reasons;
  }

  unsupported(): string | undefined {
    return undefined;
  }

  async apply(step: FaultStep): Promise<void> {
    await this.set(step, true);
  }

  async undo(step: FaultStep): Promise<void> {
    await this.set(step, false);
  }

  private async set(step: FaultStep, on: boolean): Promise<void> {
    const region = encodeURIComponent(this.primaryRegion);
    switch (step.kind) {
      case 'region-concurrency':
        await this.call('PUT', `/api/regions/${region}/concurrency`, { reservedConcurrency: on ? step.reservedConcurrency : null });
        return;
      case 'region-errors':
        await this.call('PUT', `/api/regions/${region}/faults`, { errorShare: on ? step.errorShare : 0 });
        return;
      case 'region-latency':
        await this.call('PUT', `/api/regions/${region}/faults`, { addedLatencyMs: on ? step.addedLatencyMs : 0 });
        return;
      case 'bucket-unavailable':
        await this.call('PUT', `/api/origins/${BUCKETS[step.bucket]}`, { available: !on });
        return;
      case 'replication-pause':
        await this.call('PUT', '/api/replication', { paused: on });
        return;
    }
  }

  async tables(): Promise<readonly TableEndpoint[]> {
    const state = await this.state();
    return (state.replication?.tables ?? []).map((t) => ({ region: t.region, endpoint: t.endpoint, tableName: TABLE_NAME }));
  }
}
