import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as fis from 'aws-cdk-lib/aws-fis';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';

export interface DrillsStackProps extends StackProps {
  /** The primary API function the experiments fault (ApiStack.handler.function.functionArn). */
  readonly functionArn: string;
  /** The config bucket's name (names.ts fisConfigBucketName): the API stack finds it by name. */
  readonly configBucketName: string;
  /**
   * Share of invocations the invocation-error experiment fails (the drill's region-errors).
   * @default 50
   */
  readonly invocationErrorPercent?: number;
  /**
   * Delay the add-delay experiment adds before each invocation, beyond the health check's 2 s
   * budget (the drill's region-latency).
   * @default 3000
   */
  readonly addDelayMs?: number;
  /**
   * How long an experiment may run before FIS ends it, whatever the drill does.
   * @default Duration.minutes(15)
   */
  readonly maxDuration?: Duration;
}

/** Where FIS writes the fault configuration the Lambda extension reads. */
export const FIS_CONFIG_PREFIX = 'FisConfigs/';

/**
 * The FIS experiment templates the drill's `--target aws` starts for `region-errors`
 * (aws:lambda:invocation-error, the function does not run: preventExecution) and
 * `region-latency` (aws:lambda:invocation-add-delay), on the primary API function, with the
 * S3 location FIS and the function's FIS extension share, and a role that may do only what the
 * Lambda actions need (https://docs.aws.amazon.com/fis/latest/userguide/use-lambda-actions.html):
 * write and delete the fault configuration under the prefix, list that prefix, and read the
 * target function.
 *
 * The function itself needs the AWS FIS Lambda extension layer, AWS_FIS_CONFIGURATION_LOCATION
 * (`configLocationArn`) and AWS_LAMBDA_EXEC_WRAPPER=/opt/aws-fis/bootstrap, and read access to
 * the prefix (`grantExtensionRead`): that is the API stack's part.
 */
export class DrillsStack extends Stack {
  readonly configBucket: s3.Bucket;
  readonly role: iam.Role;
  readonly invocationErrorTemplate: fis.CfnExperimentTemplate;
  readonly addDelayTemplate: fis.CfnExperimentTemplate;

  constructor(scope: Construct, id: string, props: DrillsStackProps) {
    super(scope, id, props);
    const percent = props.invocationErrorPercent ?? 50;
    const delayMs = props.addDelayMs ?? 3_000;
    const duration = `PT${Math.round((props.maxDuration ?? Duration.minutes(15)).toSeconds())}S`;

    this.configBucket = new s3.Bucket(this, 'FisConfigBucket', {
      bucketName: props.configBucketName,
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: false,
      // Fault configurations live for one experiment; nothing here is worth keeping.
      lifecycleRules: [{ expiration: Duration.days(1) }],
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });
    NagSuppressions.addResourceSuppressions(this.configBucket, [
      {
        id: 'AwsSolutions-S1',
        reason:
          'The bucket only carries FIS fault-injection settings for the length of one experiment (expired after a day); FIS records every experiment it starts and stops in its own history and CloudTrail, so access logs would add nothing.',
      },
    ]);

    this.role = new iam.Role(this, 'FisExperimentRole', {
      assumedBy: new iam.ServicePrincipal('fis.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': this.account } } }),
      description: 'Stride drills: FIS Lambda fault actions on the primary API function only',
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ListConfigLocation',
        actions: ['s3:ListBucket'],
        resources: [this.configBucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${FIS_CONFIG_PREFIX}*`] } },
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'WriteConfig',
        actions: ['s3:PutObject', 's3:DeleteObject'],
        resources: [this.configBucket.arnForObjects(`${FIS_CONFIG_PREFIX}*`)],
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({ sid: 'InspectTargetFunction', actions: ['lambda:GetFunction'], resources: [props.functionArn] }),
    );
    NagSuppressions.addResourceSuppressions(
      this.role,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'FIS writes one configuration object per experiment under FisConfigs/ with names it chooses, so the object ARN ends in a wildcard, limited to that prefix of this bucket.',
          appliesTo: [{ regex: '/^Resource::<FisConfigBucket[0-9A-F]+\\.Arn>\\/FisConfigs\\/\\*$/g' }],
        },
      ],
      true,
    );

    const template = (id: string, description: string, actionId: string, parameters: Record<string, string>) =>
      new fis.CfnExperimentTemplate(this, id, {
        description,
        roleArn: this.role.roleArn,
        // The drill stops the experiment itself (StopExperiment) on success, failure and Ctrl-C; FIS ends it at `duration` in any case.
        stopConditions: [{ source: 'none' }],
        targets: { ApiFunction: { resourceType: 'aws:lambda:function', resourceArns: [props.functionArn], selectionMode: 'ALL' } },
        actions: { Fault: { actionId, parameters: { duration, ...parameters }, targets: { Functions: 'ApiFunction' } } },
        tags: { Name: id, Purpose: 'stride-drill' },
      });
    this.invocationErrorTemplate = template(
      'InvocationErrorTemplate',
      `Stride drill region-errors: ${percent} % of the primary API's invocations fail without running`,
      'aws:lambda:invocation-error',
      {
        invocationPercentage: String(percent),
        preventExecution: 'true',
      },
    );
    this.addDelayTemplate = template(
      'AddDelayTemplate',
      `Stride drill region-latency: ${delayMs} ms before every invocation of the primary API`,
      'aws:lambda:invocation-add-delay',
      {
        invocationPercentage: '100',
        startupDelayMilliseconds: String(delayMs),
      },
    );

    new CfnOutput(this, 'InvocationErrorTemplateId', {
      value: this.invocationErrorTemplate.attrId,
      description: 'fis.invocationErrorTemplateId in the drill config',
    });
    new CfnOutput(this, 'AddDelayTemplateId', {
      value: this.addDelayTemplate.attrId,
      description: 'fis.addDelayTemplateId in the drill config',
    });
    new CfnOutput(this, 'FisConfigurationLocation', {
      value: this.configLocationArn,
      description: 'AWS_FIS_CONFIGURATION_LOCATION for the API function',
    });
  }

  /** The S3 location the function's FIS extension reads (its AWS_FIS_CONFIGURATION_LOCATION). */
  get configLocationArn(): string {
    return `${this.configBucket.bucketArn}/${FIS_CONFIG_PREFIX}`;
  }

  /** Lets a function's FIS extension read the fault configuration (and nothing else in the bucket). */
  grantExtensionRead(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [this.configBucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${FIS_CONFIG_PREFIX}*`] } },
      }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [this.configBucket.arnForObjects(`${FIS_CONFIG_PREFIX}*`)] }),
    );
  }
}
