import path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface ApiFunctionProps {
  /** The handler module (infra/api/src/index.ts, exporting `handler`). */
  readonly entry: string;
  /** Repository root: where package-lock.json and the esbuild binary are. */
  readonly projectRoot: string;
  /** Folder of program JSON files copied into the bundle as content/programs (the API's catalog). */
  readonly catalogDir: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** null: unreserved; 0: the kill switch (every invocation throttled). */
  readonly reservedConcurrency: number | null;
  readonly environment: Readonly<Record<string, string>>;
}

/**
 * The API's Lambda function, bundled at synth by the local esbuild (never Docker, no network):
 * one ESM file with its dependencies, plus the catalog files the handler reads at cold start.
 */
export class ApiFunction extends Construct {
  readonly function: nodejs.NodejsFunction;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    // Its own role with write access to its own log group only (instead of the managed
    // AWSLambdaBasicExecutionRole, which may write to any log group).
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Stride API handler',
    });
    logGroup.grantWrite(role);
    const catalogFromRoot = path.relative(props.projectRoot, props.catalogDir);
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: path.join(props.projectRoot, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memoryMb,
      timeout: Duration.seconds(props.timeoutSeconds),
      reservedConcurrentExecutions: props.reservedConcurrency ?? undefined,
      environment: { ...props.environment },
      logGroup,
      role,
      bundling: {
        forceDockerBundling: false,
        format: nodejs.OutputFormat.ESM,
        target: 'node22',
        // Readable stack traces in the logs without source maps (which would need NODE_OPTIONS
        // in an environment already close to Lambda's 4 KB limit).
        minify: false,
        sourceMap: false,
        // Bundle the AWS SDK too: the versions tested locally are the versions that run.
        bundleAwsSDK: true,
        // CommonJS dependencies inside an ES module bundle still call require().
        banner:
          "import { createRequire as __strideCreateRequire } from 'node:module'; const require = __strideCreateRequire(import.meta.url);",
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) => [
            `mkdir -p "${outputDir}/content/programs"`,
            `cp "${inputDir}/${catalogFromRoot}"/*.json "${outputDir}/content/programs/"`,
          ],
        },
      },
    });
  }
}
