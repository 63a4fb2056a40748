import { FisClient, StartExperimentCommand, StopExperimentCommand } from '@aws-sdk/client-fis';
import {
  DeleteFunctionConcurrencyCommand,
  GetFunctionConcurrencyCommand,
  LambdaClient,
  PutFunctionConcurrencyCommand,
} from '@aws-sdk/client-lambda';
import { GetHealthCheckStatusCommand, Route53Client, TestDNSAnswerCommand } from '@aws-sdk/client-route-53';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { findScenario } from '../scenarios';
import { awsDrillConfigSchema, AwsTarget, healthyFromObservations } from './aws';

const lambda = mockClient(LambdaClient);
const route53 = mockClient(Route53Client);
// @aws-sdk/client-fis is served only at 3.523 (older @smithy types than the other clients), so the
// mock's generic types do not line up; at run time it is the same SDK client and command classes.
type AnyClient = Parameters<typeof mockClient>[0];
const fis = mockClient(FisClient as unknown as AnyClient);
const startExperiment = StartExperimentCommand as unknown as Parameters<typeof fis.on>[0];
const stopExperiment = StopExperimentCommand as unknown as Parameters<typeof fis.on>[0];
afterEach(() => {
  lambda.reset();
  route53.reset();
  fis.reset();
});

const config = awsDrillConfigSchema.parse({
  siteUrl: 'https://stride.example.com/',
  apiDomain: 'api.stride.example.com',
  hostedZoneId: 'Z123',
  primary: {
    region: 'us-east-1',
    functionName: 'stride-api-east',
    healthCheckId: 'hc-east',
    apiTarget: 'd-east.execute-api.us-east-1.amazonaws.com',
  },
  secondary: {
    region: 'us-west-2',
    functionName: 'stride-api-west',
    healthCheckId: 'hc-west',
    apiTarget: 'd-west.execute-api.us-west-2.amazonaws.com',
  },
  route53: { healthCheckIntervalSec: 30, failureThreshold: 3, dnsTtlSec: 60 },
  fis: { invocationErrorTemplateId: 'EXTerr', invocationErrorPercent: 50, addDelayTemplateId: 'EXTdelay', addDelayMs: 3000 },
});
const ADDRESSES: Record<string, string[]> = {
  'd-east.execute-api.us-east-1.amazonaws.com': ['10.0.0.1'],
  'd-west.execute-api.us-west-2.amazonaws.com': ['10.0.0.2'],
};
const target = (viewersSee: string[] = ['10.0.0.1']) =>
  new AwsTarget(config, {
    lambda: new LambdaClient({ region: 'us-east-1' }),
    route53: new Route53Client({ region: 'us-east-1' }),
    fis: new FisClient({ region: 'us-east-1' }),
    resolve4: async (name) => (name === config.apiDomain ? viewersSee : (ADDRESSES[name] ?? [])),
  });
const observations = (statuses: string[]) => ({ HealthCheckObservations: statuses.map((Status) => ({ StatusReport: { Status } })) });

describe('the AWS target', () => {
  it('reads the 18 % rule from the checkers’ observations', () => {
    expect(
      healthyFromObservations(['Success: HTTP 200', 'Failure: timeout', 'Failure: timeout', 'Failure: timeout', 'Failure: timeout']),
    ).toBe(true);
    expect(healthyFromObservations(['Success: HTTP 200', ...Array(9).fill('Failure: HTTP 500')])).toBe(false);
    expect(healthyFromObservations([])).toBe(false);
  });

  it('samples health checks, Route 53’s answer and what viewers resolve (mocked AWS)', async () => {
    route53.on(GetHealthCheckStatusCommand, { HealthCheckId: 'hc-east' }).resolves(observations(Array(10).fill('Failure: HTTP 500')));
    route53.on(GetHealthCheckStatusCommand, { HealthCheckId: 'hc-west' }).resolves(observations(Array(10).fill('Success: HTTP 200')));
    route53.on(TestDNSAnswerCommand).resolves({ RecordData: ['10.0.0.2'] });
    lambda.on(GetFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: 0 });
    expect(await target(['10.0.0.1']).sample()).toEqual({
      primaryHealthy: false,
      secondaryHealthy: true,
      dnsAnswer: 'secondary',
      viewersResolveTo: 'primary',
      injected: ['primary reserved concurrency 0'],
    });
    expect(route53.commandCalls(TestDNSAnswerCommand)[0]?.args[0].input).toEqual({
      HostedZoneId: 'Z123',
      RecordName: 'api.stride.example.com',
      RecordType: 'A',
    });
  });

  it('kills with PutFunctionConcurrency 0 and restores with DeleteFunctionConcurrency, or the reservation it found (mocked AWS)', async () => {
    const kill = findScenario('region-kill')?.faults[0];
    if (!kill) throw new Error('no region-kill fault');
    lambda.on(GetFunctionConcurrencyCommand).resolves({});
    const t = target();
    await t.apply(kill);
    expect(lambda.commandCalls(PutFunctionConcurrencyCommand)[0]?.args[0].input).toEqual({
      FunctionName: 'stride-api-east',
      ReservedConcurrentExecutions: 0,
    });
    await t.undo(kill);
    expect(lambda.commandCalls(DeleteFunctionConcurrencyCommand)[0]?.args[0].input).toEqual({ FunctionName: 'stride-api-east' });

    lambda.reset();
    lambda.on(GetFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: 100 });
    const reserved = target();
    await reserved.apply(kill);
    await reserved.undo(kill);
    expect(lambda.commandCalls(PutFunctionConcurrencyCommand).map((c) => c.args[0].input.ReservedConcurrentExecutions)).toEqual([0, 100]);
    expect(lambda.commandCalls(DeleteFunctionConcurrencyCommand)).toHaveLength(0);
  });

  it('runs invocation errors and added delay as FIS experiments from the CDK templates, and stops them (mocked AWS)', async () => {
    fis.on(startExperiment, { experimentTemplateId: 'EXTerr' }).resolves({ experiment: { id: 'EXP1' } } as never);
    const errors = findScenario('region-errors')?.faults[0];
    if (!errors) throw new Error('no region-errors fault');
    const t = target();
    await t.apply(errors);
    expect((fis.commandCalls(startExperiment)[0]?.args[0].input as { experimentTemplateId?: string }).experimentTemplateId).toBe('EXTerr');
    await t.undo(errors);
    expect(fis.commandCalls(stopExperiment)[0]?.args[0].input).toEqual({ id: 'EXP1' });
  });

  it('says which faults it cannot apply on AWS, and why', () => {
    const t = target();
    expect(t.unsupported({ kind: 'replication-pause' })).toContain('cannot pause replication');
    expect(t.unsupported({ kind: 'bucket-unavailable', bucket: 'media' })).toContain('run site/media-bucket-loss locally');
    expect(t.unsupported({ kind: 'region-errors', region: 'primary', errorShare: 0.25 })).toContain('pass --error-share 0.5');
    expect(t.unsupported({ kind: 'region-latency', region: 'primary', addedLatencyMs: 3000 })).toBeUndefined();
  });

  it('refuses to start when a check is unhealthy or DNS is on the secondary (mocked AWS)', async () => {
    route53.on(GetHealthCheckStatusCommand).resolves(observations(['Success: HTTP 200']));
    route53.on(TestDNSAnswerCommand).resolves({ RecordData: ['10.0.0.2'] });
    lambda.on(GetFunctionConcurrencyCommand).resolves({});
    expect(await target().preflight()).toEqual(['Route 53 answers api.stride.example.com with the secondary: let it fail back first']);
  });

  it('names a bad config field', () => {
    const parsed = awsDrillConfigSchema.safeParse({ ...config, primary: { ...config.primary, region: 'east' } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path.join('.')).toBe('primary.region');
  });
});
