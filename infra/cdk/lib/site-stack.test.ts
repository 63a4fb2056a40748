import { Capture, Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYNTH_TIMEOUT_MS, synthStride, type SynthesizedStride } from '../testing/synth-app';

let synth: SynthesizedStride;
let site: Template;
let replica: Template;
beforeAll(() => {
  synth = synthStride();
  site = synth.template('site');
  replica = synth.template('siteReplica');
}, SYNTH_TIMEOUT_MS);

const privateBucket = {
  PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
  BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
  VersioningConfiguration: { Status: 'Enabled' },
};
const tlsOnly = (bucketLogicalId: string) => ({
  Bucket: { Ref: bucketLogicalId },
  PolicyDocument: {
    Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
  },
});
const distributionConfig = (): Record<string, unknown> => {
  const distributions = site.findResources('AWS::CloudFront::Distribution');
  return (distributions.Distribution830FAC52 as { Properties: { DistributionConfig: Record<string, unknown> } }).Properties.DistributionConfig;
};

describe('SiteReplicaStack', () => {
  it('lives in the secondary region with a fixed name the primary replicates to', () => {
    expect(synth.stacks.siteReplica.region).toBe('us-west-1');
    replica.templateMatches({
      Resources: { ReplicaBucketB570B599: { Type: 'AWS::S3::Bucket', Properties: Match.objectLike({ ...privateBucket, BucketName: 'stride-site-replica-123456789012-us-west-1' }) } },
    });
    replica.hasResourceProperties('AWS::S3::BucketPolicy', tlsOnly('ReplicaBucketB570B599'));
  });

  it('lets CloudFront (OAC, this account only) read and list the replica', () => {
    replica.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: 'ReplicaBucketB570B599' },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Condition: {
              StringEquals: { 'AWS:SourceAccount': '123456789012' },
              ArnLike: { 'AWS:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudfront::123456789012:distribution/*']] } },
            },
          }),
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:ListBucket' }),
        ]),
      },
    });
  });
});

describe('SiteStack buckets', () => {
  it('pins the logical ids of its buckets and distribution', () => {
    const ids = (type: string) => Object.keys(site.findResources(type)).sort();
    expect(ids('AWS::S3::Bucket')).toEqual(['LogsBucket9C4D8843', 'MediaBucketBCBB02BA', 'SiteBucket397A1860']);
    expect(ids('AWS::CloudFront::Distribution')).toEqual(['Distribution830FAC52']);
  });

  it.each(['SiteBucket397A1860', 'MediaBucketBCBB02BA'])('keeps %s private, encrypted, versioned, logged and TLS-only', (logicalId) => {
    site.templateMatches({
      Resources: {
        [logicalId]: {
          Type: 'AWS::S3::Bucket',
          DeletionPolicy: 'Retain',
          Properties: Match.objectLike({ ...privateBucket, LoggingConfiguration: { DestinationBucketName: { Ref: 'LogsBucket9C4D8843' }, LogFilePrefix: Match.stringLikeRegexp('^s3/') } }),
        },
      },
    });
    site.hasResourceProperties('AWS::S3::BucketPolicy', tlsOnly(logicalId));
  });

  it('replicates the site bucket, deletes included, to the replica bucket by name', () => {
    site.hasResourceProperties('AWS::S3::Bucket', {
      ReplicationConfiguration: {
        Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SiteBucketReplicationRole'), 'Arn'] },
        Rules: [
          Match.objectLike({
            Status: 'Enabled',
            DeleteMarkerReplication: { Status: 'Enabled' },
            Destination: Match.objectLike({ Bucket: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':s3:::stride-site-replica-123456789012-us-west-1$')])] }) }),
          }),
        ],
      },
    });
  });
});

describe('SiteStack distribution', () => {
  it('serves stride.test over TLS 1.2_2021, HTTP/2 and HTTP/3, with access logs and the WAF', () => {
    site.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['stride.test'],
        HttpVersion: 'http2and3',
        ViewerCertificate: { AcmCertificateArn: { Ref: Match.stringLikeRegexp('^SiteCertificate') }, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
        Logging: { Bucket: { 'Fn::GetAtt': ['LogsBucket9C4D8843', 'RegionalDomainName'] }, Prefix: 'cloudfront/' },
        WebACLId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebAcl'), 'Arn'] },
      }),
    });
    site.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'stride.test',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [{ DomainName: 'stride.test', HostedZoneId: 'Z0TESTZONE0000000000' }],
    });
  });

  it('fails the default behavior over from the primary bucket to the replica on 500/502/503/504/403/404', () => {
    const group = new Capture();
    const primary = new Capture();
    const fallback = new Capture();
    site.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({ TargetOriginId: group }),
        OriginGroups: {
          Quantity: 1,
          Items: [
            {
              Id: Match.anyValue(),
              FailoverCriteria: { StatusCodes: { Quantity: 6, Items: [500, 502, 503, 504, 403, 404] } },
              Members: { Quantity: 2, Items: [{ OriginId: primary }, { OriginId: fallback }] },
            },
          ],
        },
      }),
    });
    const config = distributionConfig();
    const groups = (config.OriginGroups as { Items: { Id: string }[] }).Items;
    expect(groups[0]?.Id).toBe(group.asString());
    const origins = config.Origins as { Id: string; DomainName: unknown; OriginAccessControlId?: unknown }[];
    const byId = (id: string) => origins.find((o) => o.Id === id);
    expect(byId(primary.asString())?.DomainName).toEqual({ 'Fn::GetAtt': ['SiteBucket397A1860', 'RegionalDomainName'] });
    expect(byId(fallback.asString())?.DomainName).toBe('stride-site-replica-123456789012-us-west-1.s3.us-west-1.amazonaws.com');
    // Both members through Origin Access Control, neither through a legacy OAI.
    for (const id of [primary.asString(), fallback.asString()]) expect(byId(id)?.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/OriginAccessControl/), 'Id'] });
    site.resourcePropertiesCountIs('AWS::CloudFront::OriginAccessControl', { OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' }) }, 3);
  });

  it('runs the Edge stack versions (read from SSM at deploy time) at viewer-request and origin-response', () => {
    site.templateMatches({
      Parameters: {
        SsmParameterValuestrideedgeviewerrequestversionarnC96584B6F00A464EAD1953AFF4B05118Parameter: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/stride/edge/viewer-request/version-arn' },
        SsmParameterValuestrideedgeoriginresponseversionarnC96584B6F00A464EAD1953AFF4B05118Parameter: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/stride/edge/origin-response/version-arn' },
      },
    });
    site.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          AllowedMethods: ['GET', 'HEAD', 'OPTIONS'],
          LambdaFunctionAssociations: [
            { EventType: 'viewer-request', LambdaFunctionARN: { Ref: 'SsmParameterValuestrideedgeviewerrequestversionarnC96584B6F00A464EAD1953AFF4B05118Parameter' } },
            { EventType: 'origin-response', LambdaFunctionARN: { Ref: 'SsmParameterValuestrideedgeoriginresponseversionarnC96584B6F00A464EAD1953AFF4B05118Parameter' } },
          ],
        }),
      }),
    });
  });

  it('keeps cookies, headers and query strings out of the static cache key', () => {
    const policy = new Capture();
    site.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ DefaultCacheBehavior: Match.objectLike({ CachePolicyId: { Ref: policy } }) }),
    });
    site.templateMatches({
      Resources: {
        [policy.asString()]: {
          Type: 'AWS::CloudFront::CachePolicy',
          Properties: {
            CachePolicyConfig: Match.objectLike({
              ParametersInCacheKeyAndForwardedToOrigin: {
                CookiesConfig: { CookieBehavior: 'none' },
                HeadersConfig: { HeaderBehavior: 'none' },
                QueryStringsConfig: { QueryStringBehavior: 'none' },
                EnableAcceptEncodingGzip: true,
                EnableAcceptEncodingBrotli: true,
              },
            }),
          },
        },
      },
    });
  });

  it('gives the viewer-request function the viewer country and TV flag without keying the cache on them', () => {
    const policy = new Capture();
    site.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ DefaultCacheBehavior: Match.objectLike({ OriginRequestPolicyId: { Ref: policy } }) }),
    });
    site.templateMatches({
      Resources: {
        [policy.asString()]: {
          Type: 'AWS::CloudFront::OriginRequestPolicy',
          Properties: {
            OriginRequestPolicyConfig: Match.objectLike({
              HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['CloudFront-Viewer-Country', 'CloudFront-Is-SmartTV-Viewer'] },
              CookiesConfig: { CookieBehavior: 'none' },
              QueryStringsConfig: { QueryStringBehavior: 'none' },
            }),
          },
        },
      },
    });
  });

  it('sends /api/* to api.stride.test uncached, with viewer headers except Host', () => {
    const apiOrigin = new Capture();
    site.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: Match.arrayWith([
          Match.objectLike({
            PathPattern: '/api/*',
            TargetOriginId: apiOrigin,
            // Managed "CachingDisabled" and "AllViewerExceptHostHeader".
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
            OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
            AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
            ViewerProtocolPolicy: 'https-only',
            LambdaFunctionAssociations: Match.absent(),
          }),
        ]),
      }),
    });
    const origin = (distributionConfig().Origins as { Id: string }[]).find((o) => o.Id === apiOrigin.asString());
    expect(origin).toEqual({ Id: apiOrigin.asString(), DomainName: 'api.stride.test', CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] } });
  });

  it('serves /media/* from the media bucket only to holders of cookies signed for the media key group', () => {
    const mediaOrigin = new Capture();
    const keyGroup = new Capture();
    site.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: Match.arrayWith([
          Match.objectLike({ PathPattern: '/media/*', TargetOriginId: mediaOrigin, TrustedKeyGroups: [keyGroup], ViewerProtocolPolicy: 'redirect-to-https' }),
        ]),
      }),
    });
    const origin = (distributionConfig().Origins as { Id: string; DomainName: unknown }[]).find((o) => o.Id === mediaOrigin.asString());
    expect(origin?.DomainName).toEqual({ 'Fn::GetAtt': ['MediaBucketBCBB02BA', 'RegionalDomainName'] });
    site.hasResourceProperties('AWS::CloudFront::KeyGroup', { KeyGroupConfig: Match.objectLike({ Items: [{ Ref: 'MediaSigningPublicKey3BBC3724' }] }) });
    expect(keyGroup.asObject()).toEqual({ Ref: expect.stringMatching(/^MediaKeyGroup/) });
    site.hasResourceProperties('AWS::CloudFront::PublicKey', { PublicKeyConfig: Match.objectLike({ EncodedKey: synth.config.media.signingPublicKeyPem }) });
  });

  it('caches error responses for 10 seconds and replaces no error body (the API answers JSON errors)', () => {
    const responses = distributionConfig().CustomErrorResponses as Record<string, unknown>[];
    expect(responses.map((r) => r.ErrorCode)).toEqual(expect.arrayContaining([403, 404, 500, 502, 503, 504]));
    for (const response of responses) expect(response).toEqual({ ErrorCode: expect.any(Number), ErrorCachingMinTTL: 10 });
  });

  it('guards the distribution with AWS common and known-bad-inputs rules and a per-IP rate limit', () => {
    site.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      Rules: [
        Match.objectLike({ Priority: 0, OverrideAction: { None: {} }, Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } } }),
        Match.objectLike({ Priority: 1, OverrideAction: { None: {} }, Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' } } }),
        Match.objectLike({ Priority: 2, Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 1500, AggregateKeyType: 'IP', EvaluationWindowSec: 300 } } }),
      ],
    });
  });
});
