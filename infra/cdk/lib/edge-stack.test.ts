import { Match } from 'aws-cdk-lib/assertions';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYNTH_TIMEOUT_MS, synthStride } from '../testing/synth-app';

let template: Template;
let region: string;
beforeAll(() => {
  const synth = synthStride();
  template = synth.template('edge');
  region = synth.stacks.edge.region;
}, SYNTH_TIMEOUT_MS);

describe('EdgeStack', () => {
  it('lives in us-east-1, where Lambda@Edge functions must be created', () => {
    expect(region).toBe('us-east-1');
  });

  it('runs viewer-request and origin-response as 128 MB, 5 s Node 22 functions with no environment', () => {
    const functions = template.findResources('AWS::Lambda::Function', {
      Properties: { Handler: 'index.handler', Runtime: 'nodejs22.x', MemorySize: 128, Timeout: 5, Environment: Match.absent() },
    });
    expect(Object.keys(functions).sort()).toEqual(['OriginResponseFunctionFFC376F6', 'ViewerRequestFunction272348D7']);
    template.resourceCountIs('AWS::Lambda::Function', 2);
  });

  it('publishes each function as a numbered version and hands its ARN to the Site stack through SSM', () => {
    template.resourceCountIs('AWS::Lambda::Version', 2);
    // Old versions stay: CloudFront may still run them, and replicas block deletion.
    expect(
      Object.values(template.findResources('AWS::Lambda::Version')).map((v) => (v as { DeletionPolicy?: string }).DeletionPolicy),
    ).toEqual(['Retain', 'Retain']);
    for (const [fn, logicalId] of [
      ['viewer-request', 'ViewerRequestFunction272348D7'],
      ['origin-response', 'OriginResponseFunctionFFC376F6'],
    ] as const) {
      template.hasResourceProperties('AWS::Lambda::Version', { FunctionName: { Ref: logicalId } });
      template.hasResourceProperties('AWS::SSM::Parameter', {
        Name: `/stride/edge/${fn}/version-arn`,
        Type: 'String',
        Value: { Ref: Match.stringLikeRegexp(`^${logicalId.replace(/[0-9A-F]{8}$/, '')}CurrentVersion`) },
      });
    }
  });

  it('shares one role trusted by lambda.amazonaws.com and edgelambda.amazonaws.com', () => {
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
          { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'edgelambda.amazonaws.com' } },
        ],
      },
    });
    // Logs land in every region CloudFront runs the function in.
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':log-group:/aws/lambda/us-east-1\\.StrideEdge-\\*$')])] },
          }),
        ]),
      },
    });
  });

  it('lets the role read releases/* of the site bucket (its name baked into the viewer-request), and nothing else in S3', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^EdgeFunctionRole[0-9A-F]{8}$') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'ReadLiveRelease',
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::stride-site-123456789012-us-east-1/releases/*']] },
          },
        ]),
      },
    });
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (policy) =>
        (policy as { Properties: { PolicyDocument: { Statement: { Action: string | string[] }[] } } }).Properties.PolicyDocument.Statement,
    );
    expect(statements.flatMap((statement) => [statement.Action].flat()).filter((action) => action.startsWith('s3:'))).toEqual([
      's3:GetObject',
    ]);
  });
});
