import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStrideConfig } from '../config/stride-config';
import { testConfig } from '../testing/synth-app';
import { deployCommand, edgeReleaseBucketProblem } from './deploy-command';

describe('deployCommand', () => {
  it('deploys every stack with the repo cdk, writing the outputs publish reads, passing extra flags on', () => {
    const command = deployCommand(testConfig(), '/repo', ['--require-approval', 'never']);
    expect(command.command).toBe(path.join('/repo', 'node_modules', '.bin', 'cdk'));
    expect(command.cwd).toBe(path.join('/repo', 'infra'));
    expect(command.args).toEqual([
      'deploy',
      '--all',
      '--app',
      'node --import tsx cdk/bin/cdk-app.ts',
      '--output',
      'cdk.out',
      '--outputs-file',
      'cdk-outputs.json',
      '--no-notices',
      '--require-approval',
      'never',
    ]);
  });

  it('refuses the example config, whose account is a placeholder', () => {
    expect(() => deployCommand(loadStrideConfig(), '/repo', [])).toThrow(
      /account 111111111111 is the example config's placeholder: point STRIDE_CONFIG/,
    );
  });
});

describe('edgeReleaseBucketProblem', () => {
  // As esbuild's define and minify leave the baked config in the bundle.
  const bundle = (bucket: string, region: string) =>
    `"use strict";var c={manifest:{},release:{bucket:${JSON.stringify(bucket)},region:${JSON.stringify(region)}}};exports.handler=c;`;

  it("accepts a viewer-request built to read the deployment's site bucket in its region", () => {
    expect(
      edgeReleaseBucketProblem(
        bundle('stride-site-123456789012-us-east-1', 'us-east-1'),
        'stride-site-123456789012-us-east-1',
        'us-east-1',
      ),
    ).toBeUndefined();
  });

  it('refuses one built for the local stack, saying how to build the right one', () => {
    expect(edgeReleaseBucketProblem(bundle('stride-site-primary', 'us-east-1'), 'stride-site-123456789012-us-east-1', 'us-east-1')).toBe(
      'the built viewer-request does not read releases from stride-site-123456789012-us-east-1 (us-east-1): run STRIDE_RELEASE_BUCKET=stride-site-123456789012-us-east-1 STRIDE_RELEASE_REGION=us-east-1 npm run deploy',
    );
  });
});
