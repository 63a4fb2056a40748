import { Capture, Match, type Template } from 'aws-cdk-lib/assertions';
import { FAILOVER_READ_PATH_PATTERNS } from '@stride/contract/region-routing';
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
    Statement: Match.arrayWith([
      Match.objectLike({
        Effect: 'Deny',
        Action: 's3:*',
        Principal: { AWS: '*' },
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    ]),
  },
});
const distributionConfig = (): Record<string, unknown> => {
  const distributions = site.findResources('AWS::CloudFront::Distribution');
  return (distributions.Distribution830FAC52 as { Properties: { DistributionConfig: Record<string, unknown> } }).Properties
    .DistributionConfig;
};
interface OriginGroupConfig {
  Id: string;
  FailoverCriteria: unknown;
  Members: { Quantity: number; Items: { OriginId: string }[] };
}
const originGroup = (id: string): OriginGroupConfig | undefined =>
  (distributionConfig().OriginGroups as { Items: OriginGroupConfig[] }).Items.find((g) => g.Id === id);
const originById = (id: string) =>
  (distributionConfig().Origins as { Id: string; DomainName: unknown; OriginAccessControlId?: unknown }[]).find((o) => o.Id === id);
const failoverOn500_502_503_504_403_404 = { StatusCodes: { Quantity: 6, Items: [500, 502, 503, 504, 403, 404] } };
/** The CloudFront OAC read grant on a replica bucket: GetObject, this account's distributions only. */
const oacRead = {
  Effect: 'Allow',
  Principal: { Service: 'cloudfront.amazonaws.com' },
  Action: 's3:GetObject',
  Condition: {
    StringEquals: { 'AWS:SourceAccount': '123456789012' },
    ArnLike: { 'AWS:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudfront::123456789012:distribution/*']] } },
  },
};

describe('SiteReplicaStack', () => {
  it('lives in the secondary region with a fixed name the primary replicates to', () => {
    expect(synth.stacks.siteReplica.region).toBe('us-west-1');
    replica.templateMatches({
      Resources: {
        ReplicaBucketB570B599: {
          Type: 'AWS::S3::Bucket',
          Properties: Match.objectLike({ ...privateBucket, BucketName: 'stride-site-replica-123456789012-us-west-1' }),
        },
      },
    });
    replica.hasResourceProperties('AWS::S3::BucketPolicy', tlsOnly('ReplicaBucketB570B599'));
  });

  it('lets CloudFront (OAC, this account only) read and list the replica', () => {
    replica.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: 'ReplicaBucketB570B599' },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike(oacRead),
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:ListBucket' }),
        ]),
      },
    });
  });

  it('pins the logical ids of its buckets', () => {
    expect(Object.keys(replica.findResources('AWS::S3::Bucket')).sort()).toEqual([
      'LogsBucket9C4D8843',
      'MediaReplicaBucket8CE193D5',
      'ReplicaBucketB570B599',
    ]);
  });

  it('holds the media replica with a fixed name, private, logged and TLS-only', () => {
    replica.templateMatches({
      Resources: {
        MediaReplicaBucket8CE193D5: {
          Type: 'AWS::S3::Bucket',
          DeletionPolicy: 'Retain',
          Properties: Match.objectLike({
            ...privateBucket,
            BucketName: 'stride-media-replica-123456789012-us-west-1',
            LoggingConfiguration: { DestinationBucketName: { Ref: 'LogsBucket9C4D8843' }, LogFilePrefix: 's3/media-replica/' },
          }),
        },
      },
      Outputs: { MediaReplicaBucketName: { Value: { Ref: 'MediaReplicaBucket8CE193D5' } } },
    });
    replica.hasResourceProperties('AWS::S3::BucketPolicy', tlsOnly('MediaReplicaBucket8CE193D5'));
  });

  it('lets CloudFront (OAC, this account only) read the media replica, without listing it (as the primary media origin)', () => {
    replica.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: 'MediaReplicaBucket8CE193D5' },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ ...oacRead, Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['MediaReplicaBucket8CE193D5', 'Arn'] }, '/*']] } }),
        ]),
      },
    });
    const policies = Object.values(
      replica.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: 'MediaReplicaBucket8CE193D5' } } }),
    );
    expect(policies).toHaveLength(1);
    const statements = (policies[0] as { Properties: { PolicyDocument: { Statement: { Principal?: unknown; Action: unknown }[] } } })
      .Properties.PolicyDocument.Statement;
    const cloudFront = statements.filter((st) => JSON.stringify(st.Principal) === JSON.stringify({ Service: 'cloudfront.amazonaws.com' }));
    expect(cloudFront.map((st) => st.Action)).toEqual(['s3:GetObject']);
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
          Properties: Match.objectLike({
            ...privateBucket,
            LoggingConfiguration: { DestinationBucketName: { Ref: 'LogsBucket9C4D8843' }, LogFilePrefix: Match.stringLikeRegexp('^s3/') },
          }),
        },
      },
    });
    site.hasResourceProperties('AWS::S3::BucketPolicy', tlsOnly(logicalId));
  });

  it('names the site bucket stride-site-<account>-<region>, which the edge bundle and the API read releases from', () => {
    site.templateMatches({
      Resources: {
        SiteBucket397A1860: { Type: 'AWS::S3::Bucket', Properties: Match.objectLike({ BucketName: 'stride-site-123456789012-us-east-1' }) },
      },
    });
  });

  it('replicates the site bucket, deletes included, to the replica bucket by name', () => {
    site.hasResourceProperties('AWS::S3::Bucket', {
      ReplicationConfiguration: {
        Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SiteBucketReplicationRole'), 'Arn'] },
        Rules: [
          Match.objectLike({
            Status: 'Enabled',
            DeleteMarkerReplication: { Status: 'Enabled' },
            Destination: Match.objectLike({
              Bucket: Match.objectLike({
                'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':s3:::stride-site-replica-123456789012-us-west-1$')])],
              }),
            }),
          }),
        ],
      },
    });
  });

  it('replicates the media bucket, deletes included, to the media replica bucket by name', () => {
    site.templateMatches({
      Resources: {
        MediaBucketBCBB02BA: {
          Type: 'AWS::S3::Bucket',
          Properties: Match.objectLike({
            ReplicationConfiguration: {
              Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MediaBucketReplicationRole'), 'Arn'] },
              Rules: [
                Match.objectLike({
                  Status: 'Enabled',
                  Priority: 1,
                  DeleteMarkerReplication: { Status: 'Enabled' },
                  Destination: {
                    Bucket: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::stride-media-replica-123456789012-us-west-1']] },
                  },
                }),
              ],
            },
          }),
        },
      },
    });
  });

  it('gives the two replication roles distinct names (IAM role names are account-wide)', () => {
    const roleNames = Object.entries(
      site.findResources('AWS::IAM::Role', {
        Properties: { AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 's3.amazonaws.com' } })] } },
      }),
    )
      .map(([id, role]) => [id.replace(/[0-9A-F]{8}$/, ''), (role as { Properties: { RoleName?: string } }).Properties.RoleName])
      .sort();
    // No fixed name (aws-cdk-lib's default "CDKReplicationRole" would clash): CloudFormation generates unique ones.
    expect(roleNames).toEqual([
      ['MediaBucketReplicationRole', undefined],
      ['SiteBucketReplicationRole', undefined],
    ]);
  });
});

describe('SiteStack distribution', () => {
  it('serves stride.test over TLS 1.2_2021, HTTP/2 and HTTP/3, with access logs and the WAF', () => {
    site.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['stride.test'],
        HttpVersion: 'http2and3',
        ViewerCertificate: {
          AcmCertificateArn: { Ref: Match.stringLikeRegexp('^SiteCertificate') },
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
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
    site.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({ TargetOriginId: group }),
        // One group for the site (default behavior), one for /media/*, one for the API's read paths.
        OriginGroups: Match.objectLike({ Quantity: 3 }),
      }),
    });
    const siteGroup = originGroup(group.asString());
    expect(siteGroup?.FailoverCriteria).toEqual(failoverOn500_502_503_504_403_404);
    expect(siteGroup?.Members.Quantity).toBe(2);
    const [primary, fallback] = (siteGroup?.Members.Items ?? []).map((member) => member.OriginId);
    expect(originById(primary ?? '')?.DomainName).toEqual({ 'Fn::GetAtt': ['SiteBucket397A1860', 'RegionalDomainName'] });
    expect(originById(fallback ?? '')?.DomainName).toBe('stride-site-replica-123456789012-us-west-1.s3.us-west-1.amazonaws.com');
    // Both members through Origin Access Control, neither through a legacy OAI.
    for (const id of [primary ?? '', fallback ?? ''])
      expect(originById(id)?.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/OriginAccessControl/), 'Id'] });
    // One each: site, site replica, media, media replica.
    site.resourcePropertiesCountIs(
      'AWS::CloudFront::OriginAccessControl',
      {
        OriginAccessControlConfig: Match.objectLike({
          OriginAccessControlOriginType: 's3',
          SigningBehavior: 'always',
          SigningProtocol: 'sigv4',
        }),
      },
      4,
    );
  });

  it('runs the Edge stack versions (read from SSM at deploy time) at viewer-request and origin-response', () => {
    site.templateMatches({
      Parameters: {
        SsmParameterValuestrideedgeviewerrequestversionarnC96584B6F00A464EAD1953AFF4B05118Parameter: {
          Type: 'AWS::SSM::Parameter::Value<String>',
          Default: '/stride/edge/viewer-request/version-arn',
        },
        SsmParameterValuestrideedgeoriginresponseversionarnC96584B6F00A464EAD1953AFF4B05118Parameter: {
          Type: 'AWS::SSM::Parameter::Value<String>',
          Default: '/stride/edge/origin-response/version-arn',
        },
      },
    });
    site.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          AllowedMethods: ['GET', 'HEAD', 'OPTIONS'],
          LambdaFunctionAssociations: [
            {
              EventType: 'viewer-request',
              LambdaFunctionARN: { Ref: 'SsmParameterValuestrideedgeviewerrequestversionarnC96584B6F00A464EAD1953AFF4B05118Parameter' },
            },
            {
              EventType: 'origin-response',
              LambdaFunctionARN: { Ref: 'SsmParameterValuestrideedgeoriginresponseversionarnC96584B6F00A464EAD1953AFF4B05118Parameter' },
            },
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

  it('sends /api/* to api.stride.test uncached, with its own origin request policy', () => {
    const apiOrigin = new Capture();
    const policy = new Capture();
    site.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: Match.arrayWith([
          Match.objectLike({
            PathPattern: '/api/*',
            TargetOriginId: apiOrigin,
            // Managed "CachingDisabled".
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
            OriginRequestPolicyId: { Ref: policy },
            AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
            ViewerProtocolPolicy: 'https-only',
            LambdaFunctionAssociations: Match.absent(),
          }),
        ]),
      }),
    });
    expect(policy.asString()).toMatch(/^ApiOriginRequestPolicy/);
    const origin = (distributionConfig().Origins as { Id: string }[]).find((o) => o.Id === apiOrigin.asString());
    expect(origin).toEqual({
      Id: apiOrigin.asString(),
      DomainName: 'api.stride.test',
      // CloudFront's defaults, stated: 3 attempts of 10 s, 30 s to answer.
      ConnectionAttempts: 3,
      ConnectionTimeout: 10,
      CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'], OriginReadTimeout: 30 },
      OriginCustomHeaders: [
        { HeaderName: 'x-stride-origin-verify', HeaderValue: '{{resolve:secretsmanager:stride/origin-verify:SecretString:current::}}' },
      ],
    });
  });

  it("forwards to the API its cookies, query strings, the headers it reads and CloudFront's viewer country and address, never Host", () => {
    const policies = site.findResources('AWS::CloudFront::OriginRequestPolicy', {
      Properties: { OriginRequestPolicyConfig: Match.objectLike({ Comment: Match.stringLikeRegexp('^Stride API') }) },
    });
    expect(Object.keys(policies)).toHaveLength(1);
    const config = (Object.values(policies)[0] as { Properties: { OriginRequestPolicyConfig: Record<string, unknown> } }).Properties
      .OriginRequestPolicyConfig;
    expect(config).toMatchObject({
      CookiesConfig: { CookieBehavior: 'all' },
      QueryStringsConfig: { QueryStringBehavior: 'all' },
      HeadersConfig: {
        HeaderBehavior: 'whitelist',
        Headers: ['Accept', 'Content-Type', 'Origin', 'CloudFront-Viewer-Country', 'CloudFront-Viewer-Address'],
      },
    });
    expect((config.HeadersConfig as { Headers: string[] }).Headers.map((h) => h.toLowerCase())).not.toContain('host');
  });

  it('keeps the origin-verify secret out of the template: only a Secrets Manager dynamic reference, on every API origin', () => {
    const origins = distributionConfig().Origins as { CustomOriginConfig?: unknown; OriginCustomHeaders?: unknown[] }[];
    const apiOrigins = origins.filter((o) => o.CustomOriginConfig);
    // api.<domain>, each region's own name, and the primary's again as the API origin group's member.
    expect(apiOrigins).toHaveLength(4);
    for (const origin of apiOrigins)
      expect(origin.OriginCustomHeaders).toEqual([
        {
          HeaderName: 'x-stride-origin-verify',
          HeaderValue: expect.stringMatching(/^\{\{resolve:secretsmanager:stride\/origin-verify:SecretString:current::\}\}$/),
        },
      ]);
    // The header's name appears only as those origins' header, never with a value of its own.
    const mentions = JSON.stringify(site.toJSON()).match(/x-stride-origin-verify/g) ?? [];
    expect(mentions).toHaveLength(apiOrigins.length);
  });

  const apiBehavior = (pathPattern: string) =>
    (distributionConfig().CacheBehaviors as Record<string, unknown>[]).find((b) => b.PathPattern === pathPattern);
  /** A region's own API name as an origin: 1 attempt of 1 s to connect, 3 s to answer (API_ORIGIN_TIMEOUTS). */
  const regionOrigin = (domainName: string) => ({
    Id: expect.any(String),
    DomainName: domainName,
    ConnectionAttempts: 1,
    ConnectionTimeout: 1,
    CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'], OriginReadTimeout: 3 },
    OriginCustomHeaders: [
      { HeaderName: 'x-stride-origin-verify', HeaderValue: '{{resolve:secretsmanager:stride/origin-verify:SecretString:current::}}' },
    ],
  });

  it('puts the API origin group and region-pinned paths before /api/*, in precedence order', () => {
    expect((distributionConfig().CacheBehaviors as { PathPattern: string }[]).map((b) => b.PathPattern)).toEqual([
      '/api/playback/*',
      '/api/progress',
      '/api/me',
      '/api/region/primary/*',
      '/api/region/secondary/*',
      '/api/*',
      '/media/*',
    ]);
  });

  it.each(FAILOVER_READ_PATH_PATTERNS.map((p) => [p]))(
    'serves %s, GET/HEAD/OPTIONS only and uncached, from the API origin group: api-us-east-1 then api-us-west-1 on 500/502/503/504',
    (pathPattern) => {
      const behavior = apiBehavior(pathPattern);
      expect(behavior).toMatchObject({
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS'],
        CachedMethods: ['GET', 'HEAD'],
        CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
        OriginRequestPolicyId: { Ref: expect.stringMatching(/^ApiOriginRequestPolicy/) },
        ViewerProtocolPolicy: 'https-only',
        Compress: true,
      });
      expect(behavior?.LambdaFunctionAssociations).toBeUndefined();
      const group = originGroup(String(behavior?.TargetOriginId));
      expect(group?.FailoverCriteria).toEqual({ StatusCodes: { Quantity: 4, Items: [500, 502, 503, 504] } });
      expect(group?.Members.Quantity).toBe(2);
      const [primary, fallback] = (group?.Members.Items ?? []).map((member) => originById(member.OriginId));
      expect(primary).toEqual(regionOrigin('api-us-east-1.stride.test'));
      expect(fallback).toEqual(regionOrigin('api-us-west-1.stride.test'));
    },
  );

  it.each([
    ['/api/region/primary/*', 'api-us-east-1.stride.test'],
    ['/api/region/secondary/*', 'api-us-west-1.stride.test'],
  ])('serves %s from %s alone, every method, uncached, with the API origin request policy', (pathPattern, domainName) => {
    const behavior = apiBehavior(pathPattern);
    expect(behavior).toMatchObject({
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      OriginRequestPolicyId: { Ref: expect.stringMatching(/^ApiOriginRequestPolicy/) },
      ViewerProtocolPolicy: 'https-only',
    });
    expect(originGroup(String(behavior?.TargetOriginId))).toBeUndefined();
    expect(originById(String(behavior?.TargetOriginId))).toEqual(regionOrigin(domainName));
  });

  it('serves /media/* from the media bucket only to holders of cookies signed for the media key group', () => {
    const mediaOrigin = new Capture();
    const keyGroup = new Capture();
    site.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: Match.arrayWith([
          Match.objectLike({
            PathPattern: '/media/*',
            TargetOriginId: mediaOrigin,
            TrustedKeyGroups: [keyGroup],
            ViewerProtocolPolicy: 'redirect-to-https',
          }),
        ]),
      }),
    });
    // The behavior targets the media origin group; its primary member is the media bucket.
    const primaryId = originGroup(mediaOrigin.asString())?.Members.Items[0]?.OriginId ?? '';
    expect(originById(primaryId)?.DomainName).toEqual({ 'Fn::GetAtt': ['MediaBucketBCBB02BA', 'RegionalDomainName'] });
    site.hasResourceProperties('AWS::CloudFront::KeyGroup', {
      KeyGroupConfig: Match.objectLike({ Items: [{ Ref: 'MediaSigningPublicKey3BBC3724' }] }),
    });
    expect(keyGroup.asObject()).toEqual({ Ref: expect.stringMatching(/^MediaKeyGroup/) });
    site.hasResourceProperties('AWS::CloudFront::PublicKey', {
      PublicKeyConfig: Match.objectLike({ EncodedKey: synth.config.media.signingPublicKeyPem }),
    });
  });

  it('fails /media/* over from the media bucket to the media replica on 500/502/503/504/403/404', () => {
    const group = new Capture();
    site.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: Match.arrayWith([Match.objectLike({ PathPattern: '/media/*', TargetOriginId: group })]),
      }),
    });
    const mediaGroup = originGroup(group.asString());
    expect(mediaGroup?.FailoverCriteria).toEqual(failoverOn500_502_503_504_403_404);
    expect(mediaGroup?.Members.Quantity).toBe(2);
    const [primary, fallback] = (mediaGroup?.Members.Items ?? []).map((member) => originById(member.OriginId));
    expect(primary?.DomainName).toEqual({ 'Fn::GetAtt': ['MediaBucketBCBB02BA', 'RegionalDomainName'] });
    expect(fallback?.DomainName).toBe('stride-media-replica-123456789012-us-west-1.s3.us-west-1.amazonaws.com');
    // Both through their own Origin Access Control, neither through a legacy OAI.
    expect(primary?.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/OriginAccessControl/), 'Id'] });
    expect(fallback?.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/OriginAccessControl/), 'Id'] });
    expect(fallback?.OriginAccessControlId).not.toEqual(primary?.OriginAccessControlId);
  });

  it('caches errors no longer than the origin says (ErrorCachingMinTTL 0) and replaces no error body (the API answers JSON errors)', () => {
    const responses = distributionConfig().CustomErrorResponses as Record<string, unknown>[];
    expect(responses.map((r) => r.ErrorCode)).toEqual([400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504]);
    for (const response of responses) expect(response).toEqual({ ErrorCode: expect.any(Number), ErrorCachingMinTTL: 0 });
  });

  it('guards the distribution with AWS common and known-bad-inputs rules and a per-IP rate limit', () => {
    site.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      Rules: [
        Match.objectLike({
          Priority: 0,
          OverrideAction: { None: {} },
          Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } },
        }),
        Match.objectLike({
          Priority: 1,
          OverrideAction: { None: {} },
          Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' } },
        }),
        Match.objectLike({
          Priority: 2,
          Action: { Block: {} },
          Statement: { RateBasedStatement: { Limit: 1500, AggregateKeyType: 'IP', EvaluationWindowSec: 300 } },
        }),
      ],
    });
  });
});
