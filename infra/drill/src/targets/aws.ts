import { readFileSync } from 'node:fs';
import { Resolver } from 'node:dns/promises';
import { FisClient, StartExperimentCommand, StopExperimentCommand } from '@aws-sdk/client-fis';
import {
  DeleteFunctionConcurrencyCommand,
  GetFunctionConcurrencyCommand,
  LambdaClient,
  PutFunctionConcurrencyCommand,
} from '@aws-sdk/client-lambda';
import { GetHealthCheckStatusCommand, Route53Client, TestDNSAnswerCommand } from '@aws-sdk/client-route-53';
import { z } from 'zod';
import type { Side } from '../events';
import type { FaultStep } from '../scenarios';
import type { DrillTarget, TableEndpoint, TargetSample } from './target';

// The project runs on Node 20; the SDK's "Node 22 from 2027" notice is known (as in the local stack's dynamo.ts).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const regionSchema = z.strictObject({
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as us-east-1'),
  /** The API function's name (the kill sets its reserved concurrency). */
  functionName: z.string().min(1),
  /** The Route 53 health check on this region's /api/ping. */
  healthCheckId: z.string().min(1),
  /** The regional API domain api.<domain> aliases to in this region (d-….execute-api.<region>.amazonaws.com). */
  apiTarget: z.string().min(1),
});

export const awsDrillConfigSchema = z.strictObject({
  siteUrl: z.url({ error: 'must be the site URL, e.g. https://stride.example.com' }),
  apiDomain: z.string().min(1, 'must be api.<domain>'),
  hostedZoneId: z.string().min(1, 'must be the hosted zone id (Route 53 console)'),
  tableName: z.string().default('stride-api'),
  primary: regionSchema,
  secondary: regionSchema,
  route53: z.strictObject({
    healthCheckIntervalSec: z.union([z.literal(10), z.literal(30)]),
    failureThreshold: z.number().int().min(1).max(10),
    dnsTtlSec: z.number().int().min(0),
  }),
  /** FIS experiment templates from the StrideDrills stack's outputs (per region: FIS is regional). */
  fis: z
    .strictObject({
      invocationErrorTemplateId: z.string().min(1),
      invocationErrorPercent: z.number().min(1).max(100),
      addDelayTemplateId: z.string().min(1),
      addDelayMs: z.number().int().min(1),
    })
    .optional(),
});
export type AwsDrillConfig = z.infer<typeof awsDrillConfigSchema>;

export interface AwsClients {
  readonly lambda: LambdaClient;
  readonly route53: Route53Client;
  readonly fis: FisClient;
  /** Resolves a name as this host's resolver does (what viewers get, TTL caching included). */
  readonly resolve4: (name: string) => Promise<string[]>;
}

/** Route 53: an endpoint is healthy when more than 18 % of its checkers report success. */
export const healthyFromObservations = (statuses: readonly string[]): boolean =>
  statuses.length > 0 && statuses.filter((s) => s.startsWith('Success')).length / statuses.length > 0.18;

/**
 * A deployed Stride, through the real SDK: PutFunctionConcurrency / DeleteFunctionConcurrency for
 * the kill, FIS experiments (templates defined in CDK) for invocation errors and added delay,
 * GetHealthCheckStatus for the checkers' verdicts, TestDNSAnswer for what Route 53 answers, and
 * the host's resolver for what viewers get.
 */
export class AwsTarget implements DrillTarget {
  readonly kind = 'aws';
  private readonly experiments = new Map<string, string>();
  private previousReserved: number | null | undefined;

  constructor(
    readonly config: AwsDrillConfig,
    private readonly clients: AwsClients,
  ) {}

  get siteUrl() {
    return this.config.siteUrl.replace(/\/+$/, '');
  }
  get primaryRegion() {
    return this.config.primary.region;
  }
  get secondaryRegion() {
    return this.config.secondary.region;
  }

  async settings() {
    const r = this.config.route53;
    return {
      healthCheckIntervalSec: r.healthCheckIntervalSec,
      failureThreshold: r.failureThreshold,
      dnsTtlSec: r.dnsTtlSec,
      replicationLagMs: null,
    };
  }

  private async healthy(healthCheckId: string): Promise<boolean> {
    const { HealthCheckObservations } = await this.clients.route53.send(new GetHealthCheckStatusCommand({ HealthCheckId: healthCheckId }));
    return healthyFromObservations((HealthCheckObservations ?? []).map((o) => o.StatusReport?.Status ?? ''));
  }

  private async sideOf(addresses: readonly string[]): Promise<Side | null> {
    const [p, s] = await Promise.all([
      this.clients.resolve4(this.config.primary.apiTarget).catch((): string[] => []),
      this.clients.resolve4(this.config.secondary.apiTarget).catch((): string[] => []),
    ]);
    if (addresses.some((a) => p.includes(a))) return 'primary';
    if (addresses.some((a) => s.includes(a))) return 'secondary';
    return null;
  }

  async sample(): Promise<TargetSample> {
    const [primaryHealthy, secondaryHealthy] = await Promise.all([
      this.healthy(this.config.primary.healthCheckId),
      this.healthy(this.config.secondary.healthCheckId),
    ]);
    const answer = await this.clients.route53.send(
      new TestDNSAnswerCommand({ HostedZoneId: this.config.hostedZoneId, RecordName: this.config.apiDomain, RecordType: 'A' }),
    );
    const viewers = await this.clients.resolve4(this.config.apiDomain).catch(() => []);
    const concurrency = await this.clients.lambda.send(
      new GetFunctionConcurrencyCommand({ FunctionName: this.config.primary.functionName }),
    );
    const injected = [
      ...(concurrency.ReservedConcurrentExecutions === 0 ? ['primary reserved concurrency 0'] : []),
      ...[...this.experiments.keys()].map((k) => `FIS experiment ${k}`),
    ];
    return {
      primaryHealthy,
      secondaryHealthy,
      dnsAnswer: (await this.sideOf(answer.RecordData ?? [])) ?? 'primary',
      viewersResolveTo: await this.sideOf(viewers),
      injected,
    };
  }

  async preflight(): Promise<string[]> {
    const reasons: string[] = [];
    try {
      const s = await this.sample();
      if (!s.primaryHealthy) reasons.push(`the primary's health check (${this.config.primary.healthCheckId}) is unhealthy`);
      if (!s.secondaryHealthy) reasons.push(`the secondary's health check (${this.config.secondary.healthCheckId}) is unhealthy`);
      if (s.dnsAnswer !== 'primary') reasons.push(`Route 53 answers ${this.config.apiDomain} with the secondary: let it fail back first`);
      for (const what of s.injected) reasons.push(`already injected: ${what}`);
    } catch (error) {
      reasons.push(
        `AWS did not answer (${error instanceof Error ? error.message : String(error)}): check credentials (AWS_PROFILE) and the config's ids`,
      );
    }
    return reasons;
  }

  unsupported(step: FaultStep): string | undefined {
    if (step.kind === 'bucket-unavailable')
      return 'taking a bucket away is not automated on AWS (it would need a bucket policy change on production data); run site/media-bucket-loss locally';
    if (step.kind === 'replication-pause') return 'DynamoDB global tables cannot pause replication; run replication-pause locally';
    if ((step.kind === 'region-errors' || step.kind === 'region-latency') && !this.config.fis)
      return 'the config has no "fis" section: deploy the StrideDrills stack and copy its template ids';
    if (step.kind === 'region-errors' && this.config.fis && Math.abs(this.config.fis.invocationErrorPercent - step.errorShare * 100) > 0.5)
      return `the FIS template fails ${this.config.fis.invocationErrorPercent} % of invocations, the drill asked for ${step.errorShare * 100} %: pass --error-share ${this.config.fis.invocationErrorPercent / 100}`;
    if (step.kind === 'region-latency' && this.config.fis && this.config.fis.addDelayMs !== step.addedLatencyMs)
      return `the FIS template adds ${this.config.fis.addDelayMs} ms, the drill asked for ${step.addedLatencyMs} ms: pass --latency-ms ${this.config.fis.addDelayMs}`;
    return undefined;
  }

  async apply(step: FaultStep): Promise<void> {
    const fn = this.config.primary.functionName;
    if (step.kind === 'region-concurrency') {
      const { ReservedConcurrentExecutions } = await this.clients.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: fn }));
      this.previousReserved = ReservedConcurrentExecutions ?? null;
      await this.clients.lambda.send(
        new PutFunctionConcurrencyCommand({ FunctionName: fn, ReservedConcurrentExecutions: step.reservedConcurrency }),
      );
      return;
    }
    if (step.kind === 'region-errors' || step.kind === 'region-latency') {
      const templateId = step.kind === 'region-errors' ? this.config.fis?.invocationErrorTemplateId : this.config.fis?.addDelayTemplateId;
      const { experiment } = await this.clients.fis.send(
        new StartExperimentCommand({ experimentTemplateId: templateId, clientToken: `stride-drill-${Date.now()}` }),
      );
      if (experiment?.id) this.experiments.set(step.kind, experiment.id);
      return;
    }
    throw new Error(this.unsupported(step) ?? `cannot apply ${step.kind} on AWS`);
  }

  async undo(step: FaultStep): Promise<void> {
    const fn = this.config.primary.functionName;
    if (step.kind === 'region-concurrency') {
      // Put back what was there: the deployed reserved concurrency, or none.
      if (typeof this.previousReserved === 'number' && this.previousReserved > 0)
        await this.clients.lambda.send(
          new PutFunctionConcurrencyCommand({ FunctionName: fn, ReservedConcurrentExecutions: this.previousReserved }),
        );
      else await this.clients.lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: fn }));
      return;
    }
    const id = this.experiments.get(step.kind);
    if (id) {
      await this.clients.fis.send(new StopExperimentCommand({ id }));
      this.experiments.delete(step.kind);
    }
  }

  async tables(): Promise<readonly TableEndpoint[]> {
    return [
      { region: this.config.primary.region, tableName: this.config.tableName },
      { region: this.config.secondary.region, tableName: this.config.tableName },
    ];
  }
}

export async function awsTargetFromConfigFile(file: string): Promise<AwsTarget> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`--config ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = awsDrillConfigSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(`--config ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ')}`);
  const config = parsed.data;
  const resolver = new Resolver();
  return new AwsTarget(config, {
    lambda: new LambdaClient({ region: config.primary.region }),
    route53: new Route53Client({ region: 'us-east-1' }),
    fis: new FisClient({ region: config.primary.region }),
    resolve4: (name) => resolver.resolve4(name),
  });
}
