import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';

export interface EdgeFunctionProps {
  /** Folder holding the built bundle (index.js exporting `handler`). */
  readonly bundleDir: string;
  /** Shared role trusted by lambda.amazonaws.com and edgelambda.amazonaws.com. */
  readonly role: iam.IRole;
  readonly description: string;
  /** SSM parameter that carries the current version ARN to the Site stack. */
  readonly versionParameterName: string;
}

/**
 * One Lambda@Edge function: Node 22, 128 MB, 5 s, no environment (Lambda@Edge has none; config
 * is baked into the bundle), published as a numbered version whose ARN goes to SSM.
 */
export class EdgeFunction extends Construct {
  readonly function: lambda.Function;
  readonly version: lambda.IVersion;

  constructor(scope: Construct, id: string, props: EdgeFunctionProps) {
    super(scope, id);
    this.function = new lambda.Function(this, 'Function', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(props.bundleDir),
      memorySize: 128,
      timeout: Duration.seconds(5),
      role: props.role,
      description: props.description,
      // CloudFront keeps running an old version until the Site stack moves to the new one, and
      // a replicated version cannot be deleted anyway: keep each one (delete by hand later).
      currentVersionOptions: { removalPolicy: RemovalPolicy.RETAIN },
    });
    // currentVersion's logical id hashes the code, so each new bundle publishes a new number.
    this.version = this.function.currentVersion;
    // Through SSM rather than a stack export: an exported version ARN could not change while
    // the Site stack imports it, and it changes on every edge deploy.
    new ssm.StringParameter(this, 'VersionArn', {
      parameterName: props.versionParameterName,
      stringValue: this.version.functionArn,
      description: `Current Lambda@Edge version of ${props.description}`,
    });
  }
}
