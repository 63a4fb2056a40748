import { Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { EdgeFunction } from './constructs/edge-function';
import { EDGE_FUNCTIONS, edgeVersionParameterName, type EdgeFunctionName } from './names';

export interface EdgeStackProps extends StackProps {
  /** Built bundle folder per function (edge/dist/<name>). */
  readonly bundleDirs: Readonly<Record<EdgeFunctionName, string>>;
}

/** Logical ids of the functions are API: the Site stack finds them through their SSM names. */
const CONSTRUCT_IDS: Readonly<Record<EdgeFunctionName, string>> = {
  'viewer-request': 'ViewerRequest',
  'origin-response': 'OriginResponse',
};

/**
 * Lambda@Edge functions (us-east-1 only). Its own stack because edge code ships on its own
 * cadence; the Site stack picks up the new versions on its next deploy.
 */
export class EdgeStack extends Stack {
  readonly functions: Readonly<Record<EdgeFunctionName, EdgeFunction>>;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    if (this.region !== 'us-east-1') throw new Error(`EdgeStack must be in us-east-1 (Lambda@Edge), not ${this.region}`);

    const role = new iam.Role(this, 'EdgeFunctionRole', {
      assumedBy: new iam.CompositePrincipal(
        new iam.ServicePrincipal('lambda.amazonaws.com'),
        new iam.ServicePrincipal('edgelambda.amazonaws.com'),
      ),
      description: 'Stride Lambda@Edge functions',
    });
    // Lambda@Edge writes logs in whichever region served the request, to /aws/lambda/us-east-1.<name>.
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`arn:${this.partition}:logs:*:${this.account}:log-group:/aws/lambda/us-east-1.${this.stackName}-*`],
      }),
    );

    const functions = {} as Record<EdgeFunctionName, EdgeFunction>;
    for (const name of EDGE_FUNCTIONS) {
      functions[name] = new EdgeFunction(this, CONSTRUCT_IDS[name], {
        bundleDir: props.bundleDirs[name],
        role,
        description: `Stride ${name}`,
        versionParameterName: edgeVersionParameterName(name),
      });
    }
    this.functions = functions;
  }
}
