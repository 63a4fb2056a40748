import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, it } from 'vitest';
import { createStrideApp } from '../bin/app';

let template: Template;
beforeAll(() => {
  template = Template.fromStack(createStrideApp({ domainName: 'stride.test' }).site);
});

describe('SiteStack', () => {
  it('keeps the site bucket private, encrypted, versioned and TLS-only', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('runs the viewer-request bundle as a small, versioned Lambda@Edge function without environment', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Runtime: 'nodejs22.x',
      MemorySize: 128,
      Timeout: 5,
      Environment: Match.absent(),
    });
    template.resourceCountIs('AWS::Lambda::Version', 1);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }),
          Match.objectLike({ Action: 'sts:AssumeRole', Principal: { Service: 'edgelambda.amazonaws.com' } }),
        ]),
      },
    });
  });

  it('serves the bucket through OAC with the edge function at viewer-request', () => {
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        HttpVersion: 'http2and3',
        ViewerCertificate: Match.absent(),
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          LambdaFunctionAssociations: [Match.objectLike({ EventType: 'viewer-request', LambdaFunctionARN: Match.anyValue() })],
        }),
      }),
    });
  });

  it('sends /api/* uncached to the API failover name', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: Match.arrayWith([Match.objectLike({ DomainName: 'api.stride.test', CustomOriginConfig: Match.objectLike({ OriginProtocolPolicy: 'https-only' }) })]),
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: '/api/*',
            // Managed policy "CachingDisabled".
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
            AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
          }),
        ],
      }),
    });
  });
});
