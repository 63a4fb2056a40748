import { Annotations, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
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
import { edgeVersionParameterName } from './names';

export interface SiteStackProps extends StackProps {
  /** The site's name (the distribution's alternate domain name and certificate). */
  readonly domainName: string;
  readonly hostedZone: { readonly id: string; readonly name: string };
  /** The API's name behind Route 53 failover, e.g. api.stride.example.com. */
  readonly apiDomainName: string;
  /** The replica bucket (SiteReplicaStack) in the secondary region. */
  readonly replica: { readonly bucketName: string; readonly region: string };
  /** The media bucket's replica (SiteReplicaStack) in the secondary region. */
  readonly mediaReplica: { readonly bucketName: string; readonly region: string };
  readonly rateLimitPer5Minutes: number;
  /** PEM public key CloudFront checks signed media cookies with. */
  readonly mediaSigningPublicKeyPem: string;
}

/** Status codes on which the origin groups retry their replica bucket. */
export const ORIGIN_FAILOVER_STATUS_CODES = [500, 502, 503, 504, 403, 404] as const;
/** Errors are cached for seconds, not minutes: a fixed origin must show at once. */
export const ERROR_CACHING_TTL = Duration.seconds(10);
const ERROR_STATUS_CODES = [400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504] as const;

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
    const replicaBucket = s3.Bucket.fromBucketAttributes(this, 'ReplicaBucketRef', { bucketName: props.replica.bucketName, region: props.replica.region });
    this.siteBucket = new PrivateBucket(this, 'SiteBucket', {
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

    const zone = route53.HostedZone.fromHostedZoneAttributes(this, 'HostedZone', { hostedZoneId: props.hostedZone.id, zoneName: props.hostedZone.name });
    const certificate = new acm.Certificate(this, 'SiteCertificate', { domainName: props.domainName, validation: acm.CertificateValidation.fromDns(zone) });
    const webAcl = new SiteWebAcl(this, 'WebAcl', { rateLimitPer5Minutes: props.rateLimitPer5Minutes });

    // Resolved by CloudFormation at deploy time (no lookup at synth), so each deploy of this
    // stack picks up the Edge stack's newest versions.
    const edgeVersion = (name: 'viewer-request' | 'origin-response', constructId: string): lambda.IVersion =>
      lambda.Version.fromVersionArn(this, constructId, ssm.StringParameter.valueForStringParameter(this, edgeVersionParameterName(name)));
    const viewerRequest = edgeVersion('viewer-request', 'ViewerRequestVersion');
    const originResponse = edgeVersion('origin-response', 'OriginResponseVersion');

    // Static objects: no cookies, headers or query strings in the key (the viewer-request
    // function still sees the session cookie; it runs before the cache).
    const staticCachePolicy = new cloudfront.CachePolicy(this, 'StaticCachePolicy', {
      comment: 'Stride static objects: path-only cache key',
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.days(1),
      maxTtl: Duration.days(365),
    });
    // The viewer-request function routes by the viewer's country (licences → 451) and device
    // (TV variants). CloudFront only adds these headers when a policy asks for them; an origin
    // request policy adds them without putting them in the cache key (the rewritten URI is the key).
    const viewerFactsPolicy = new cloudfront.OriginRequestPolicy(this, 'ViewerFactsOriginRequestPolicy', {
      comment: 'Stride: geolocation and device headers for the edge routing, not in the cache key',
      headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList('CloudFront-Viewer-Country', 'CloudFront-Is-SmartTV-Viewer'),
      cookieBehavior: cloudfront.OriginRequestCookieBehavior.none(),
      queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.none(),
    });

    const readAndList = { originAccessLevels: [cloudfront.AccessLevel.READ, cloudfront.AccessLevel.LIST] };
    const siteOrigin = new origins.OriginGroup({
      primaryOrigin: origins.S3BucketOrigin.withOriginAccessControl(this.siteBucket, readAndList),
      // The replica's bucket policy (SiteReplicaStack) grants CloudFront the same access.
      fallbackOrigin: origins.S3BucketOrigin.withOriginAccessControl(replicaBucket, readAndList),
      fallbackStatusCodes: [...ORIGIN_FAILOVER_STATUS_CODES],
    });

    // Read only, as before the replica: media keys are not listable from either bucket.
    const mediaOrigin = new origins.OriginGroup({
      primaryOrigin: origins.S3BucketOrigin.withOriginAccessControl(this.mediaBucket),
      // The media replica's bucket policy (SiteReplicaStack) grants CloudFront the same read.
      fallbackOrigin: origins.S3BucketOrigin.withOriginAccessControl(mediaReplicaBucket),
      fallbackStatusCodes: [...ORIGIN_FAILOVER_STATUS_CODES],
    });

    this.mediaPublicKey = new cloudfront.PublicKey(this, 'MediaSigningPublicKey', {
      encodedKey: props.mediaSigningPublicKeyPem,
      comment: 'Verifies the API-signed media cookies',
    });
    const mediaKeyGroup = new cloudfront.KeyGroup(this, 'MediaKeyGroup', { items: [this.mediaPublicKey], comment: 'Stride media signed cookies' });

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
      // With list access, "/" at the origin would list the bucket; the home page answers it instead.
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: siteOrigin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        cachePolicy: staticCachePolicy,
        originRequestPolicy: viewerFactsPolicy,
        compress: true,
        edgeLambdas: [
          { functionVersion: viewerRequest, eventType: cloudfront.LambdaEdgeEventType.VIEWER_REQUEST },
          { functionVersion: originResponse, eventType: cloudfront.LambdaEdgeEventType.ORIGIN_RESPONSE },
        ],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new origins.HttpOrigin(props.apiDomainName, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
          }),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          // Every viewer header, cookie and query string reaches the API, except Host: CloudFront
          // sends the origin's own name (api.<domain>), which API Gateway's custom domain needs.
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        },
        '/media/*': {
          origin: mediaOrigin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
          cachePolicy: staticCachePolicy,
          trustedKeyGroups: [mediaKeyGroup],
        },
      },
      // No replacement page: these apply to /api/* too, whose JSON errors must reach the client.
      errorResponses: ERROR_STATUS_CODES.map((httpStatus) => ({ httpStatus, ttl: ERROR_CACHING_TTL })),
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
