import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { SYNTH_TIMEOUT_MS, edgeBundleDirsForTests, synthStride, testConfig, type SynthesizedStride } from '../testing/synth-app';
import { createStrideApp } from './app';

let synth: SynthesizedStride;
beforeAll(() => {
  synth = synthStride();
}, SYNTH_TIMEOUT_MS);

describe('the Stride CDK app', () => {
  it('has seven stacks with fixed ids, each in its region and the configured account', () => {
    const stacks = synth.assembly.stacks.map((stack) => [stack.stackName, stack.environment.region, stack.environment.account]);
    expect(stacks.sort()).toEqual(
      [
        ['StrideApiPrimary', 'us-east-1', '123456789012'],
        ['StrideApiSecondary', 'us-west-1', '123456789012'],
        ['StrideDns', 'us-east-1', '123456789012'],
        ['StrideDrills', 'us-east-1', '123456789012'],
        ['StrideEdge', 'us-east-1', '123456789012'],
        ['StrideSite', 'us-east-1', '123456789012'],
        ['StrideSiteReplica', 'us-west-1', '123456789012'],
      ].sort(),
    );
  });

  it('orders deployment by lifecycle: edge and replica, then site, then the APIs, then DNS', () => {
    const dependsOn = (name: string) =>
      synth.assembly
        .getStackByName(name)
        .dependencies.map((d) => d.id)
        .filter((id) => !id.endsWith('.assets'))
        .sort();
    expect(dependsOn('StrideEdge')).toEqual([]);
    expect(dependsOn('StrideSiteReplica')).toEqual([]);
    expect(dependsOn('StrideSite')).toEqual(['StrideEdge', 'StrideSiteReplica']);
    expect(dependsOn('StrideApiPrimary')).toEqual(['StrideSite']);
    expect(dependsOn('StrideApiSecondary')).toEqual(['StrideApiPrimary', 'StrideSite']);
    expect(dependsOn('StrideDrills')).toEqual(['StrideApiPrimary']);
    expect(dependsOn('StrideDns')).toEqual(['StrideApiPrimary', 'StrideApiSecondary', 'StrideSite']);
  });

  it(
    'fails the synth on any CloudFormation schema violation, checked offline',
    () => {
      const { app, stacks } = createStrideApp({
        config: testConfig(),
        outdir: mkdtempSync(path.join(tmpdir(), 'stride-cdk-invalid-')),
        edgeBundleDirs: edgeBundleDirsForTests(),
      });
      (stacks.dns.node.findChild('PrimaryApiHealthCheck').node.defaultChild as CfnResource).addPropertyOverride(
        'HealthCheckConfig.RequestInterval',
        'often',
      );
      expect(() => app.synth()).toThrow(/RequestInterval/);
    },
    SYNTH_TIMEOUT_MS,
  );

  it('needs no context lookups (synth works offline, without credentials)', () => {
    expect(synth.assembly.manifest.missing ?? []).toEqual([]);
    const lookups = JSON.stringify(synth.assembly.stacks.map((stack) => stack.template)).match(/"(Fn::)?Lookup|dummy-value-for/g);
    expect(lookups).toBeNull();
  });
});
