import path from 'node:path';
import type { StrideConfig } from '../config/stride-config';

/** The committed example config's account: a deploy to it is a mistake, not a deployment. */
export const EXAMPLE_ACCOUNT = '111111111111';

export interface DeployCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
}

/**
 * `cdk deploy` of every stack in dependency order (Edge and SiteReplica, Site, ApiPrimary,
 * ApiSecondary, Dns), writing the stack outputs `npm run publish` reads.
 */
export function deployCommand(config: StrideConfig, repoRoot: string, extraArgs: readonly string[]): DeployCommand {
  if (config.account === EXAMPLE_ACCOUNT) {
    throw new Error(
      `account ${EXAMPLE_ACCOUNT} is the example config's placeholder: point STRIDE_CONFIG at your deployment's config (see README "Deploy to AWS")`,
    );
  }
  const infra = path.join(repoRoot, 'infra');
  return {
    command: path.join(repoRoot, 'node_modules', '.bin', 'cdk'),
    cwd: infra,
    args: [
      'deploy',
      '--all',
      '--app',
      'node --import tsx cdk/bin/cdk-app.ts',
      '--output',
      'cdk.out',
      '--outputs-file',
      'cdk-outputs.json',
      '--no-notices',
      ...extraArgs,
    ],
  };
}

/**
 * Lambda@Edge has no environment: the viewer-request bundle bakes in the bucket it reads the live
 * release from (edge/scripts/build.ts, STRIDE_RELEASE_BUCKET, else the local stack's). A bundle
 * built for the local stack would read a bucket that is not the deployment's, so the deploy
 * refuses it and says how to build the right one.
 */
export function edgeReleaseBucketProblem(viewerRequestCode: string, bucket: string, region: string): string | undefined {
  if (viewerRequestCode.includes(JSON.stringify(bucket)) && viewerRequestCode.includes(JSON.stringify(region))) return undefined;
  return `the built viewer-request does not read releases from ${bucket} (${region}): run STRIDE_RELEASE_BUCKET=${bucket} STRIDE_RELEASE_REGION=${region} npm run deploy`;
}
