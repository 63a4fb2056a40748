import { Aspects, type Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStrideApp } from '../bin/app';
import type { StrideStacks } from './stride-stacks';
import { SYNTH_TIMEOUT_MS, edgeBundleDirsForTests, testConfig } from '../testing/synth-app';
import type { NagAcknowledgement } from './nag-acknowledgements';

let stacks: StrideStacks;
let acknowledgements: readonly NagAcknowledgement[];
beforeAll(() => {
  const created = createStrideApp({ config: testConfig(), edgeBundleDirs: edgeBundleDirsForTests() });
  Aspects.of(created.app).add(new AwsSolutionsChecks({ verbose: true }));
  created.app.synth();
  stacks = created.stacks;
  acknowledgements = created.nagAcknowledgements;
}, SYNTH_TIMEOUT_MS);

const findings = (stack: Stack, kind: 'findError' | 'findWarning'): string[] => {
  const annotations = Annotations.fromStack(stack);
  const found =
    kind === 'findError'
      ? annotations.findError('*', Match.stringLikeRegexp('^AwsSolutions-'))
      : annotations.findWarning('*', Match.stringLikeRegexp('^AwsSolutions-'));
  return found.map((finding) => `${finding.id}: ${String(finding.entry.data).split('\n')[0]}`);
};

describe('cdk-nag AwsSolutions', () => {
  it('finds no unacknowledged error in any stack', () => {
    const errors = Object.values(stacks).flatMap((stack) => findings(stack, 'findError').map((f) => `${stack.stackName} ${f}`));
    expect(errors).toEqual([]);
  });

  it('finds no unacknowledged warning in any stack', () => {
    const warnings = Object.values(stacks).flatMap((stack) => findings(stack, 'findWarning').map((f) => `${stack.stackName} ${f}`));
    expect(warnings).toEqual([]);
  });

  it('gives every acknowledgement a reason that says why', () => {
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const ack of acknowledgements) {
      expect(ack.reason.length, ack.id).toBeGreaterThanOrEqual(40);
      expect(ack.scopes.length, ack.id).toBeGreaterThan(0);
      expect(ack.id).toMatch(/^AwsSolutions-[A-Z0-9]+$/);
    }
  });
});
