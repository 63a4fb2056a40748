import { App, Aspects } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYNTH_TIMEOUT_MS } from '../testing/synth-app';
import { DrillsStack } from './drills-stack';

const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:StrideApiPrimary-ApiHandler';
let stack: DrillsStack;
let template: Template;
beforeAll(() => {
  const app = new App();
  stack = new DrillsStack(app, 'StrideDrills', {
    env: { account: '123456789012', region: 'us-east-1' },
    functionArn: FUNCTION_ARN,
    configBucketName: 'stride-fis-config-123456789012-us-east-1',
  });
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  app.synth();
  template = Template.fromStack(stack);
}, SYNTH_TIMEOUT_MS);

describe('DrillsStack (FIS experiment templates for the drills)', () => {
  it('pins the logical ids of its templates, role and bucket', () => {
    expect(Object.keys(template.findResources('AWS::FIS::ExperimentTemplate')).sort()).toEqual([
      'AddDelayTemplate',
      'InvocationErrorTemplate',
    ]);
    expect(Object.keys(template.findResources('AWS::IAM::Role')).some((id) => id.startsWith('FisExperimentRole'))).toBe(true);
    expect(Object.keys(template.findResources('AWS::S3::Bucket')).filter((id) => id.startsWith('FisConfigBucket'))).toHaveLength(1);
  });

  it('fails half the primary function’s invocations without running it, for at most 15 minutes', () => {
    template.hasResourceProperties('AWS::FIS::ExperimentTemplate', {
      Targets: { ApiFunction: { ResourceType: 'aws:lambda:function', ResourceArns: [FUNCTION_ARN], SelectionMode: 'ALL' } },
      Actions: {
        Fault: {
          ActionId: 'aws:lambda:invocation-error',
          Parameters: { duration: 'PT900S', invocationPercentage: '50', preventExecution: 'true' },
          Targets: { Functions: 'ApiFunction' },
        },
      },
      StopConditions: [{ Source: 'none' }],
    });
  });

  it('delays every invocation by 3 s, beyond the health check’s 2 s budget', () => {
    template.hasResourceProperties('AWS::FIS::ExperimentTemplate', {
      Actions: {
        Fault: {
          ActionId: 'aws:lambda:invocation-add-delay',
          Parameters: { duration: 'PT900S', invocationPercentage: '100', startupDelayMilliseconds: '3000' },
        },
      },
    });
  });

  it('gives FIS a role for this account that may only list and write the config prefix and read the target function', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Principal: { Service: 'fis.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
            Action: 'sts:AssumeRole',
          },
        ],
      },
    });
    const policies = template.findResources('AWS::IAM::Policy');
    const statements = Object.values(policies).flatMap(
      (p) =>
        (p as { Properties: { PolicyDocument: { Statement: { Sid?: string; Action: string | string[]; Resource: unknown }[] } } })
          .Properties.PolicyDocument.Statement,
    );
    expect(statements.map((s) => [s.Sid, s.Action])).toEqual([
      ['ListConfigLocation', 's3:ListBucket'],
      ['WriteConfig', ['s3:PutObject', 's3:DeleteObject']],
      ['InspectTargetFunction', 'lambda:GetFunction'],
    ]);
    expect(statements.find((s) => s.Sid === 'InspectTargetFunction')?.Resource).toBe(FUNCTION_ARN);
  });

  it('keeps the config bucket private, TLS-only and short-lived', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: { Rules: [{ ExpirationInDays: 1, Status: 'Enabled' }] },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('outputs the template ids and the configuration location the drill config and the API function need', () => {
    expect(Object.keys(template.findOutputs('*')).sort()).toEqual([
      'AddDelayTemplateId',
      'FisConfigurationLocation',
      'InvocationErrorTemplateId',
    ]);
  });

  it('is cdk-nag clean (AwsSolutions), its acknowledgements explained', () => {
    const annotations = Annotations.fromStack(stack);
    const found = [
      ...annotations.findError('*', Match.stringLikeRegexp('^AwsSolutions-')),
      ...annotations.findWarning('*', Match.stringLikeRegexp('^AwsSolutions-')),
    ];
    expect(found.map((f) => String(f.entry.data).split('\n')[0])).toEqual([]);
  });
});
