import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStrideConfig } from '../config/stride-config';
import { testConfig } from '../testing/synth-app';
import { deployCommand } from './deploy-command';

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
