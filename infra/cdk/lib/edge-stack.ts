import { Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { EdgeFunction } from './constructs/edge-function';
import { EDGE_FUNCTIONS, edgeVersionParameterName, releaseObjectsArn, type EdgeFunctionName } from './names';

export interface EdgeStackProps extends StackProps {
  /** Built bundle folder per function (edge/dist/<name>). */
  readonly bundleDirs: Readonly<Record<EdgeFunctionName, string>>;
  /**
   * The site bucket the viewer-request reads the live release from (names.ts siteBucketName; the
   * bundle bakes the same name in, STRIDE_RELEASE_BUCKET). The role may read its `releases/*` only.
   * @default no release read: the functions route by the manifest baked into the bundle
   */
  readonly releaseBucketName?: string;
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

    if (props.releaseBucketName) {
      // GetObject only. Without s3:ListBucket a missing key answers 403, not 404: only the live
      // pointer before the first release is ever missing, and the reader then keeps the baked
      // manifest, as it does after any failed read. ListBucket would let it list the whole bucket.
      role.addToPolicy(
        new iam.PolicyStatement({
          sid: 'ReadLiveRelease',
          actions: ['s3:GetObject'],
          resources: [releaseObjectsArn(this.partition, props.releaseBucketName)],
        }),
      );
    }

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
