import { Annotations, CfnOutput, Duration, SecretValue, Stack, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { LogBucket, PrivateBucket } from './constructs/private-bucket';
import { SiteWebAcl } from './constructs/web-acl';
import type { RegionRole } from '@stride/contract/region-routing';
import {
  assertDistribution,
  DISTRIBUTION,
  splitBehaviors,
  type ApiEndpoint,
  type BehaviorDescription,
  type BucketName,
  type CachePolicyDescription,
  type DistributionDescription,
  type EdgeEventType,
  type EdgeFunctionName,
  type HttpMethod,
  type HttpOriginDescription,
  type OriginName,
  type OriginRequestPolicyDescription,
} from '../../distribution/distribution-description';
import { EDGE_FUNCTIONS, edgeVersionParameterName, type EdgeFunctionName as DeployedEdgeFunction } from './names';

export interface SiteStackProps extends StackProps {
  /** The site's name (the distribution's alternate domain name and certificate). */
  readonly domainName: string;
  readonly hostedZone: { readonly id: string; readonly name: string };
  /** The API's name behind Route 53 failover, e.g. api.stride.example.com. */
  readonly apiDomainName: string;
  /**
   * Each region's own API name (api-<region>.<domain>, see names.ts regionalApiDomainName): the
   * origins of the region-pinned behaviors and of the API origin group.
   */
  readonly regionalApiDomainNames: Readonly<Record<RegionRole, string>>;
  /** The replica bucket (SiteReplicaStack) in the secondary region. */
  readonly replica: { readonly bucketName: string; readonly region: string };
  /** The media bucket's replica (SiteReplicaStack) in the secondary region. */
  readonly mediaReplica: { readonly bucketName: string; readonly region: string };
  readonly rateLimitPer5Minutes: number;
  /**
   * The site bucket's physical name (names.ts siteBucketName): the edge bundle and the API find
   * the live release in it by this name.
   * @default a name CloudFormation generates
   */
  readonly siteBucketName?: string;
  /** PEM public key CloudFront checks signed media cookies with. */
  readonly mediaSigningPublicKeyPem: string;
  /**
   * The distribution's behaviors, origins, policies and error responses.
   * @default DISTRIBUTION (infra/distribution/distribution-description.ts), which the local CloudFront also runs
   */
  readonly distribution?: DistributionDescription;
}

const VIEWER_PROTOCOL_POLICY: Record<BehaviorDescription['viewerProtocolPolicy'], cloudfront.ViewerProtocolPolicy> = {
  'redirect-to-https': cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
  'https-only': cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
};

const LAMBDA_EDGE_EVENT_TYPE: Record<EdgeEventType, cloudfront.LambdaEdgeEventType> = {
  'viewer-request': cloudfront.LambdaEdgeEventType.VIEWER_REQUEST,
  'origin-request': cloudfront.LambdaEdgeEventType.ORIGIN_REQUEST,
  'origin-response': cloudfront.LambdaEdgeEventType.ORIGIN_RESPONSE,
  'viewer-response': cloudfront.LambdaEdgeEventType.VIEWER_RESPONSE,
};

const isDeployedEdgeFunction = (name: string): name is DeployedEdgeFunction => (EDGE_FUNCTIONS as readonly string[]).includes(name);

const sameMethods = (a: readonly HttpMethod[], b: readonly string[]): boolean => a.length === b.length && a.every((m) => b.includes(m));

/** CloudFront accepts three method sets; anything else in the description is a mistake named here. */
function allowedMethods(methods: readonly HttpMethod[]): cloudfront.AllowedMethods {
  const known = [
    cloudfront.AllowedMethods.ALLOW_GET_HEAD,
    cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
    cloudfront.AllowedMethods.ALLOW_ALL,
  ];
  const match = known.find((set) => sameMethods(methods, set.methods));
  if (!match) throw new Error(`allowed methods ${methods.join(', ')} are not one of CloudFront's sets (GET+HEAD, +OPTIONS, or all)`);
  return match;
}

function cachedMethods(methods: readonly HttpMethod[]): cloudfront.CachedMethods {
  const known = [cloudfront.CachedMethods.CACHE_GET_HEAD, cloudfront.CachedMethods.CACHE_GET_HEAD_OPTIONS];
  const match = known.find((set) => sameMethods(methods, set.methods));
  if (!match) throw new Error(`cached methods ${methods.join(', ')} are not one of CloudFront's sets (GET+HEAD or GET+HEAD+OPTIONS)`);
  return match;
}

const cacheList = <T>(value: 'none' | 'all' | readonly string[], none: () => T, all: () => T, list: (...names: string[]) => T): T =>
  value === 'none' ? none() : value === 'all' ? all() : list(...value);

/** The cache and origin request policies the description names: managed ones by id, others created once each. */
function buildPolicies(scope: Construct) {
  const cachePolicies = new Map<string, cloudfront.ICachePolicy>();
  const originRequestPolicies = new Map<string, cloudfront.IOriginRequestPolicy>();
  return {
    cache(policy: CachePolicyDescription): cloudfront.ICachePolicy {
      let built = cachePolicies.get(policy.name);
      if (built) return built;
      if (policy.managedId) {
        built = cloudfront.CachePolicy.fromCachePolicyId(scope, `Managed${policy.name}`, policy.managedId);
      } else {
        built = new cloudfront.CachePolicy(scope, policy.name, {
          comment: policy.comment,
          cookieBehavior: cacheList(
            policy.cookies,
            cloudfront.CacheCookieBehavior.none,
            cloudfront.CacheCookieBehavior.all,
            cloudfront.CacheCookieBehavior.allowList,
          ),
          headerBehavior:
            policy.headers.length === 0
              ? cloudfront.CacheHeaderBehavior.none()
              : cloudfront.CacheHeaderBehavior.allowList(...policy.headers),
          queryStringBehavior: cacheList(
            policy.queryStrings,
            cloudfront.CacheQueryStringBehavior.none,
            cloudfront.CacheQueryStringBehavior.all,
            cloudfront.CacheQueryStringBehavior.allowList,
          ),
          enableAcceptEncodingGzip: policy.acceptEncoding.gzip,
          enableAcceptEncodingBrotli: policy.acceptEncoding.brotli,
          minTtl: Duration.seconds(policy.minTtl),
          defaultTtl: Duration.seconds(policy.defaultTtl),
          maxTtl: Duration.seconds(policy.maxTtl),
        });
      }
      cachePolicies.set(policy.name, built);
      return built;
    },
    originRequest(policy: OriginRequestPolicyDescription): cloudfront.IOriginRequestPolicy {
      let built = originRequestPolicies.get(policy.name);
      if (built) return built;
      built = new cloudfront.OriginRequestPolicy(scope, policy.name, {
        comment: policy.comment,
        headerBehavior:
          policy.headers.length === 0
            ? cloudfront.OriginRequestHeaderBehavior.none()
            : cloudfront.OriginRequestHeaderBehavior.allowList(...policy.headers),
        cookieBehavior:
          policy.cookies === 'all' ? cloudfront.OriginRequestCookieBehavior.all() : cloudfront.OriginRequestCookieBehavior.none(),
        queryStringBehavior:
          policy.queryStrings === 'all'
            ? cloudfront.OriginRequestQueryStringBehavior.all()
            : cloudfront.OriginRequestQueryStringBehavior.none(),
      });
      originRequestPolicies.set(policy.name, built);
      return built;
    },
  };
}

/**
 * Each described origin: bucket origin groups through OAC, the API's names as HTTPS origins with
 * their secret header and timeouts, and the API origin group of the regions' own names. A group's
 * members are the same origin objects the region-pinned behaviors use.
 */
function buildOrigins(
  description: DistributionDescription,
  buckets: Record<BucketName, s3.IBucket>,
  apiDomainNames: Readonly<Record<ApiEndpoint, string>>,
): Record<OriginName, cloudfront.IOrigin> {
  const httpOrigin = (origin: HttpOriginDescription): cloudfront.IOrigin =>
    new origins.HttpOrigin(apiDomainNames[origin.endpoint], {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: origin.sslProtocols.map(() => cloudfront.OriginSslPolicy.TLS_V1_2),
      // A CloudFormation dynamic reference ({{resolve:secretsmanager:…}}), resolved at deploy
      // time: the template never holds the value. Rotating it takes a deploy of this stack.
      customHeaders: Object.fromEntries(
        origin.customHeaders.map((h) => [
          h.name,
          SecretValue.secretsManager(h.value.secretName, { jsonField: h.value.jsonField }).unsafeUnwrap(),
        ]),
      ),
      connectionAttempts: origin.timeouts.connectionAttempts,
      connectionTimeout: Duration.seconds(origin.timeouts.connectionTimeoutSeconds),
      readTimeout: Duration.seconds(origin.timeouts.responseTimeoutSeconds),
    });
  const built = new Map<OriginName, cloudfront.IOrigin>();
  const build = (name: OriginName): cloudfront.IOrigin => {
    const done = built.get(name);
    if (done) return done;
    const origin = description.origins[name];
    let result: cloudfront.IOrigin;
    if (origin.kind === 'bucket-group') {
      const access = {
        originAccessLevels: origin.access.map((level) => (level === 'list' ? cloudfront.AccessLevel.LIST : cloudfront.AccessLevel.READ)),
      };
      result = new origins.OriginGroup({
        primaryOrigin: origins.S3BucketOrigin.withOriginAccessControl(buckets[origin.primary], access),
        // The replica's bucket policy (SiteReplicaStack) grants CloudFront the same access.
        fallbackOrigin: origins.S3BucketOrigin.withOriginAccessControl(buckets[origin.fallback], access),
        fallbackStatusCodes: [...origin.failoverStatusCodes],
      });
    } else if (origin.kind === 'http') {
      result = httpOrigin(origin);
    } else {
      result = new origins.OriginGroup({
        primaryOrigin: build(origin.primary),
        fallbackOrigin: build(origin.fallback),
        fallbackStatusCodes: [...origin.failoverStatusCodes],
      });
    }
    built.set(name, result);
    return result;
  };
  return Object.fromEntries((Object.keys(description.origins) as OriginName[]).map((name) => [name, build(name)])) as Record<
    OriginName,
    cloudfront.IOrigin
  >;
}

/**
 * The static site: primary and media buckets (each replicated to the secondary region), and the
 * CloudFront distribution in front of them and of the API, with its certificate and WAF.
 */
export class SiteStack extends Stack {
  readonly siteBucket: PrivateBucket;
  readonly mediaBucket: PrivateBucket;
  readonly logsBucket: LogBucket;
  readonly distribution: cloudfront.Distribution;
  readonly mediaPublicKey: cloudfront.PublicKey;

  constructor(scope: Construct, id: string, props: SiteStackProps) {
    super(scope, id, props);
    if (this.region !== 'us-east-1') throw new Error(`SiteStack must be in us-east-1 (CloudFront certificate and WAF), not ${this.region}`);

    this.logsBucket = new LogBucket(this, 'LogsBucket', { acceptsCloudFrontLogs: true });
    const replicaBucket = s3.Bucket.fromBucketAttributes(this, 'ReplicaBucketRef', {
      bucketName: props.replica.bucketName,
      region: props.replica.region,
    });
    this.siteBucket = new PrivateBucket(this, 'SiteBucket', {
      ...(props.siteBucketName ? { bucketName: props.siteBucketName } : {}),
      serverAccessLogs: { bucket: this.logsBucket, prefix: 's3/site/' },
      replicationRules: [{ destination: replicaBucket, priority: 1, deleteMarkerReplication: true }],
    });
    const mediaReplicaBucket = s3.Bucket.fromBucketAttributes(this, 'MediaReplicaBucketRef', {
      bucketName: props.mediaReplica.bucketName,
      region: props.mediaReplica.region,
    });
    this.mediaBucket = new PrivateBucket(this, 'MediaBucket', {
      serverAccessLogs: { bucket: this.logsBucket, prefix: 's3/media/' },
      replicationRules: [{ destination: mediaReplicaBucket, priority: 1, deleteMarkerReplication: true }],
    });

    const zone = route53.HostedZone.fromHostedZoneAttributes(this, 'HostedZone', {
      hostedZoneId: props.hostedZone.id,
      zoneName: props.hostedZone.name,
    });
    const certificate = new acm.Certificate(this, 'SiteCertificate', {
      domainName: props.domainName,
      validation: acm.CertificateValidation.fromDns(zone),
    });
    const webAcl = new SiteWebAcl(this, 'WebAcl', { rateLimitPer5Minutes: props.rateLimitPer5Minutes });

    // Resolved by CloudFormation at deploy time (no lookup at synth), so each deploy of this
    // stack picks up the Edge stack's newest versions.
    const edgeVersions = new Map<EdgeFunctionName, lambda.IVersion>();
    const edgeVersion = (name: EdgeFunctionName): lambda.IVersion => {
      let version = edgeVersions.get(name);
      if (!version) {
        if (!isDeployedEdgeFunction(name))
          throw new Error(
            `the distribution associates edge function "${name}", which the Edge stack does not deploy (${EDGE_FUNCTIONS.join(', ')})`,
          );
        const constructId = name === 'viewer-request' ? 'ViewerRequestVersion' : 'OriginResponseVersion';
        version = lambda.Version.fromVersionArn(
          this,
          constructId,
          ssm.StringParameter.valueForStringParameter(this, edgeVersionParameterName(name)),
        );
        edgeVersions.set(name, version);
      }
      return version;
    };

    this.mediaPublicKey = new cloudfront.PublicKey(this, 'MediaSigningPublicKey', {
      encodedKey: props.mediaSigningPublicKeyPem,
      comment: 'Verifies the API-signed media cookies',
    });
    const mediaKeyGroup = new cloudfront.KeyGroup(this, 'MediaKeyGroup', {
      items: [this.mediaPublicKey],
      comment: 'Stride media signed cookies',
    });

    // Everything below comes from the one description the local CloudFront also runs.
    const description = props.distribution ?? DISTRIBUTION;
    assertDistribution(description);
    const buckets: Record<BucketName, s3.IBucket> = {
      site: this.siteBucket,
      'site-replica': replicaBucket,
      media: this.mediaBucket,
      'media-replica': mediaReplicaBucket,
    };
    const origin = buildOrigins(description, buckets, {
      failover: props.apiDomainName,
      primary: props.regionalApiDomainNames.primary,
      secondary: props.regionalApiDomainNames.secondary,
    });
    const policies = buildPolicies(this);
    const behavior = (b: BehaviorDescription): cloudfront.BehaviorOptions => ({
      origin: origin[b.origin],
      viewerProtocolPolicy: VIEWER_PROTOCOL_POLICY[b.viewerProtocolPolicy],
      allowedMethods: allowedMethods(b.allowedMethods),
      cachedMethods: cachedMethods(b.cachedMethods),
      cachePolicy: policies.cache(b.cachePolicy),
      ...(b.originRequestPolicy ? { originRequestPolicy: policies.originRequest(b.originRequestPolicy) } : {}),
      compress: b.compress,
      ...(b.edgeFunctions.length > 0
        ? {
            edgeLambdas: b.edgeFunctions.map((fn) => ({
              functionVersion: edgeVersion(fn.functionName),
              eventType: LAMBDA_EDGE_EVENT_TYPE[fn.eventType],
            })),
          }
        : {}),
      ...(b.trustedKeyGroup === 'media-signing' ? { trustedKeyGroups: [mediaKeyGroup] } : {}),
    });
    const { defaultBehavior, additional } = splitBehaviors(description);

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Stride web front',
      domainNames: [props.domainName],
      certificate,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_ALL,
      webAclId: webAcl.webAcl.attrArn,
      enableLogging: true,
      logBucket: this.logsBucket,
      logFilePrefix: 'cloudfront/',
      defaultRootObject: description.defaultRootObject,
      defaultBehavior: behavior(defaultBehavior),
      additionalBehaviors: Object.fromEntries(additional.map((b) => [b.pathPattern, behavior(b)])),
      errorResponses: description.customErrorResponses.map((r) => ({
        httpStatus: r.errorCode,
        ttl: Duration.seconds(r.errorCachingMinTtl),
        ...(r.responsePagePath ? { responsePagePath: r.responsePagePath } : {}),
        ...(r.responseCode ? { responseHttpStatus: r.responseCode } : {}),
      })),
    });

    Annotations.of(this.distribution).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk',
      'defaultRootObject is index.html, and the site bucket holds only public build output: listing only turns missing keys into 404s',
    );
    // SiteReplicaStack's bucket policies grant the fallback origins' access instead.
    Annotations.of(this.distribution).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac',
      'The replica bucket policies (StrideSiteReplica) grant CloudFront OAC read and list (site) and read (media)',
    );

    new CfnOutput(this, 'SiteBucketName', { value: this.siteBucket.bucketName });
    new CfnOutput(this, 'DistributionId', { value: this.distribution.distributionId });
    new CfnOutput(this, 'DistributionDomainName', { value: this.distribution.distributionDomainName });
    new CfnOutput(this, 'MediaBucketName', { value: this.mediaBucket.bucketName });
    new CfnOutput(this, 'MediaKeyPairId', { value: this.mediaPublicKey.publicKeyId });
  }
}
