import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import type { Construct } from 'constructs';
import { ApiFunction, type ApiFunctionProps } from './constructs/api-function';
import { ORIGIN_VERIFY_SECRET } from '../../distribution/distribution-description';
import { FIS_CONFIG_PREFIX } from './drills-stack';
import { releaseObjectsArn, SECRET_NAMES } from './names';
import type { TableShape } from './table-definition';
import { TIME_TO_LIVE_ATTRIBUTE } from '../../api/src/table';

/** The DynamoDB actions the API handler uses (listed in infra/api/src/index.ts). */
export const API_TABLE_ACTIONS = [
  'dynamodb:DeleteItem',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
] as const;

export interface ApiStackProps extends StackProps {
  /** The primary owns the global table; the secondary uses its replica. */
  readonly role: 'primary' | 'secondary';
  /** For the primary: the region the global table replicates to. */
  readonly replicaRegion: string;
  readonly table: { readonly name: string; readonly shape: TableShape };
  /** The viewer-facing site name (media cookie scope). */
  readonly siteDomainName: string;
  /** api.<domain>, served in both regions. */
  readonly apiDomainName: string;
  /**
   * This region's own name, api-<region>.<domain> (names.ts regionalApiDomainName): served by this
   * region only, for CloudFront's region-pinned origins and the API origin group.
   */
  readonly regionalApiDomainName: string;
  readonly hostedZone: { readonly id: string; readonly name: string };
  readonly handler: Pick<ApiFunctionProps, 'entry' | 'projectRoot' | 'catalogDir' | 'memoryMb' | 'timeoutSeconds' | 'reservedConcurrency'>;
  /** CloudFront public key id of the media key group (SiteStack). */
  readonly mediaKeyPairId: string;
  readonly mediaCookieTtlSeconds: number;
  /**
   * Lets AWS FIS inject faults into this function (the drills' region-errors and region-latency on
   * AWS): the FIS Lambda extension layer, its configuration location and read access to it.
   * @default no FIS extension
   */
  readonly fisConfigBucketName?: string;
  /**
   * The site bucket holding the live release (names.ts siteBucketName) and its region: the handler
   * serves the catalog of `releases/live.json` instead of the bundled one, and may read `releases/*`
   * of that bucket only. Both regions read the primary bucket, cross-region: the catalog must be at
   * most RELEASE_MAX_STALENESS_MS (30 s) behind the pointer, and S3 replication to the replica
   * bucket promises no such bound (most objects in seconds, 99.99% within 15 minutes with RTC). With
   * the primary region down the secondary's reads fail and it keeps its last good copy, as the
   * staleness rule allows.
   * @default the catalog bundled with the code
   */
  readonly releaseBucket?: { readonly name: string; readonly region: string };
}

/**
 * The API in one region: the Lambda handler behind a regional HTTP API on api.<domain>, with
 * its certificate, alarms, and (primary only) the DynamoDB global table.
 */
export class ApiStack extends Stack {
  readonly httpApi: apigwv2.HttpApi;
  readonly domainName: apigwv2.DomainName;
  /** api-<region>.<domain>: this region's own custom domain (a simple alias record in StrideDns). */
  readonly regionalDomainName: apigwv2.DomainName;
  readonly handler: ApiFunction;
  readonly table: dynamodb.ITableV2;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);

    if (props.role === 'primary') {
      this.table = new dynamodb.TableV2(this, 'Table', {
        tableName: props.table.name,
        ...props.table.shape,
        billing: dynamodb.Billing.onDemand(),
        // Throttle counters and device codes expire (infra/api/src/table.ts); readers also check the time.
        timeToLiveAttribute: TIME_TO_LIVE_ATTRIBUTE,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: true,
        removalPolicy: RemovalPolicy.RETAIN,
        replicas: [{ region: props.replicaRegion }],
      });
    } else {
      // The primary stack's replica in this region, same name.
      this.table = dynamodb.TableV2.fromTableAttributes(this, 'Table', {
        tableName: props.table.name,
        globalIndexes: props.table.shape.globalSecondaryIndexes.map((index) => index.indexName),
        grantIndexPermissions: true,
      });
    }

    this.handler = new ApiFunction(this, 'ApiHandler', {
      ...props.handler,
      // The variables infra/api/src/env.ts reads. Key material stays in this region's copy of each
      // replicated secret: the function reads it at cold start, so neither the template nor the
      // function's configuration holds a key, and a rotated secret needs no redeploy (new
      // containers read the new value).
      environment: {
        STRIDE_TABLE_NAME: props.table.name,
        STRIDE_SESSION_SIGNING_KEY_SECRET: SECRET_NAMES.sessionSigningKey,
        STRIDE_MEDIA_KEY_PAIR_ID: props.mediaKeyPairId,
        STRIDE_MEDIA_PRIVATE_KEY_SECRET: SECRET_NAMES.mediaSigningKey,
        STRIDE_MEDIA_RESOURCE_BASE: `https://${props.siteDomainName}/media`,
        STRIDE_MEDIA_COOKIE_TTL_SECONDS: String(props.mediaCookieTtlSeconds),
        // {"current","previous"}: the x-stride-origin-verify values CloudFront sends (StrideSite
        // reads `current` from the same secret in us-east-1); requests without one are refused.
        STRIDE_ORIGIN_VERIFY_SECRET: ORIGIN_VERIFY_SECRET.secretName,
      },
    });
    const fn = this.handler.function;
    // Read access to exactly those three secrets (by name: the operator creates them, see README).
    for (const [id, name] of [
      ['SessionSigningKey', SECRET_NAMES.sessionSigningKey],
      ['MediaSigningKey', SECRET_NAMES.mediaSigningKey],
      ['OriginVerifySecret', ORIGIN_VERIFY_SECRET.secretName],
    ] as const) {
      secretsmanager.Secret.fromSecretNameV2(this, id, name).grantRead(fn);
    }
    if (props.fisConfigBucketName) this.enableFaultInjection(props.fisConfigBucketName);
    if (props.releaseBucket) this.readLiveRelease(props.releaseBucket);
    // Exactly the actions infra/api/src/index.ts documents, on the table and its named indexes.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [...API_TABLE_ACTIONS],
        resources: [
          this.table.tableArn,
          ...props.table.shape.globalSecondaryIndexes.map((index) => `${this.table.tableArn}/index/${index.indexName}`),
        ],
      }),
    );

    const zone = route53.HostedZone.fromHostedZoneAttributes(this, 'HostedZone', {
      hostedZoneId: props.hostedZone.id,
      zoneName: props.hostedZone.name,
    });
    const certificate = new acm.Certificate(this, 'ApiCertificate', {
      domainName: props.apiDomainName,
      validation: acm.CertificateValidation.fromDns(zone),
    });
    this.domainName = new apigwv2.DomainName(this, 'ApiDomainName', {
      domainName: props.apiDomainName,
      certificate,
      endpointType: apigwv2.EndpointType.REGIONAL,
      securityPolicy: apigwv2.SecurityPolicy.TLS_1_2,
    });

    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      description: `Stride API (${props.role})`,
      createDefaultStage: false,
    });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.jsonWithStandardFields(),
      },
    });

    new apigwv2.ApiMapping(this, 'ApiMapping', { api: this.httpApi, domainName: this.domainName, stage });

    // The same API on this region's own name. A certificate of its own rather than a second name on
    // ApiCertificate: adding a name to a certificate replaces it, under the live api.<domain>.
    const regionalCertificate = new acm.Certificate(this, 'RegionalApiCertificate', {
      domainName: props.regionalApiDomainName,
      validation: acm.CertificateValidation.fromDns(zone),
    });
    this.regionalDomainName = new apigwv2.DomainName(this, 'RegionalApiDomainName', {
      domainName: props.regionalApiDomainName,
      certificate: regionalCertificate,
      endpointType: apigwv2.EndpointType.REGIONAL,
      securityPolicy: apigwv2.SecurityPolicy.TLS_1_2,
    });
    new apigwv2.ApiMapping(this, 'RegionalApiMapping', { api: this.httpApi, domainName: this.regionalDomainName, stage });

    const integration = new HttpLambdaIntegration('ApiIntegration', fn, { payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0 });
    // /api/ping on its own route: the Route 53 health checks call it on this region's endpoint.
    this.httpApi.addRoutes({ path: '/api/ping', methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.HEAD], integration });
    this.httpApi.addRoutes({ path: '/api/{proxy+}', methods: [apigwv2.HttpMethod.ANY], integration });

    const alarmTopic = new sns.Topic(this, 'AlarmTopic', { displayName: `Stride API alarms (${this.region})`, enforceSSL: true });
    const alarm = (id: string, metric: cloudwatch.IMetric, threshold: number, description: string): void => {
      new cloudwatch.Alarm(this, id, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      }).addAlarmAction(new actions.SnsAction(alarmTopic));
    };
    const minute = { period: Duration.minutes(1), statistic: 'Sum' };
    alarm('Api5xxAlarm', this.httpApi.metricServerError(minute), 5, `Stride API ${this.region}: 5 or more 5xx answers in a minute`);
    alarm('HandlerErrorsAlarm', fn.metricErrors(minute), 5, `Stride API ${this.region}: 5 or more handler errors in a minute`);
    alarm(
      'HandlerThrottlesAlarm',
      fn.metricThrottles(minute),
      1,
      `Stride API ${this.region}: the handler was throttled (reserved concurrency or account limit)`,
    );

    new CfnOutput(this, 'HttpApiId', { value: this.httpApi.apiId });
    new CfnOutput(this, 'RegionalDomainName', { value: this.domainName.regionalDomainName });
    new CfnOutput(this, 'RegionalApiDomainTarget', { value: this.regionalDomainName.regionalDomainName });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarmTopic.topicArn });
  }

  /** This region's own endpoint (not CloudFront, not the failover name): what health checks probe. */
  get executeApiHost(): string {
    return `${this.httpApi.apiId}.execute-api.${this.region}.${this.urlSuffix}`;
  }

  /**
   * The live release's catalog (infra/api/src/release-catalog.ts): the bucket named in the
   * environment, GetObject on its `releases/*` only. No s3:ListBucket: only the live pointer before
   * the first release is ever missing (S3 then answers 403 instead of 404), and the handler keeps
   * the bundled catalog, as after any failed read.
   */
  private readLiveRelease(bucket: { readonly name: string; readonly region: string }): void {
    const fn = this.handler.function;
    fn.addEnvironment('STRIDE_RELEASE_BUCKET', bucket.name);
    fn.addEnvironment('STRIDE_RELEASE_REGION', bucket.region);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ReadLiveRelease',
        actions: ['s3:GetObject'],
        resources: [releaseObjectsArn(this.partition, bucket.name)],
      }),
    );
  }

  /**
   * The AWS FIS extension for Lambda (https://docs.aws.amazon.com/fis/latest/userguide/use-lambda-actions.html):
   * the layer (its ARN from the public SSM parameter AWS publishes per region), the exec wrapper
   * and the S3 location it polls for fault settings, readable under FIS_CONFIG_PREFIX only. Without
   * a running experiment the extension finds no settings and the function runs as always.
   */
  private enableFaultInjection(bucketName: string): void {
    const fn = this.handler.function;
    const layerArn = ssm.StringParameter.valueForStringParameter(this, '/aws/service/fis/lambda-extension/AWS-FIS-extension-x86_64/1.x.x');
    fn.addLayers(lambda.LayerVersion.fromLayerVersionArn(this, 'FisExtensionLayer', layerArn));
    const bucketArn = `arn:${this.partition}:s3:::${bucketName}`;
    fn.addEnvironment('AWS_FIS_CONFIGURATION_LOCATION', `${bucketArn}/${FIS_CONFIG_PREFIX}`);
    fn.addEnvironment('AWS_LAMBDA_EXEC_WRAPPER', '/opt/aws-fis/bootstrap');
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${FIS_CONFIG_PREFIX}*`] } },
      }),
    );
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [`${bucketArn}/${FIS_CONFIG_PREFIX}*`] }));
  }
}
