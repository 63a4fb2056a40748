import type { HealthCheck } from './health-check';

export interface FailoverTarget {
  readonly region: string;
  readonly host: string;
  readonly port: number;
  readonly healthCheck: HealthCheck;
}

export interface FailoverAnswer {
  readonly region: string;
  readonly host: string;
  readonly port: number;
  readonly ttlSeconds: number;
}

/**
 * A pair of Route 53 failover records for one name: PRIMARY answers while its health check is
 * healthy, otherwise SECONDARY if healthy; if both are unhealthy Route 53 answers PRIMARY
 * (it treats "all unhealthy" as "all healthy").
 */
export class FailoverRecordSet {
  constructor(
    readonly name: string,
    readonly primary: FailoverTarget,
    readonly secondary: FailoverTarget,
    readonly ttlSeconds: number,
  ) {}

  resolve(): FailoverAnswer {
    const target = !this.primary.healthCheck.healthy && this.secondary.healthCheck.healthy ? this.secondary : this.primary;
    return { region: target.region, host: target.host, port: target.port, ttlSeconds: this.ttlSeconds };
  }
}
