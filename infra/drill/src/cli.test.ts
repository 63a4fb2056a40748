import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = path.join(import.meta.dirname, 'cli.ts');
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('npm run drill (the CLI)', () => {
  it('--list prints every scenario with what it expects, exit 0', () => {
    const r = run('--list');
    expect(r.code).toBe(0);
    for (const name of [
      'region-kill',
      'region-errors',
      'region-latency',
      'site-bucket-loss',
      'media-bucket-loss',
      'replication-pause',
      'failback',
    ])
      expect(r.out).toContain(`${name}\n`);
    expect(r.out).toContain('expects: Steady state');
  });

  it('exits 2 naming an unknown scenario, with the usage', () => {
    const r = run('region-nap');
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown scenario "region-nap"');
    expect(r.err).toContain('Usage: npm run drill');
  });

  it('--dry-run prints the plan, rollback order included, and touches nothing (no stack needed), exit 0', () => {
    const r = run('replication-pause', '--dry-run', '--console', 'http://127.0.0.1:9', '--site', 'http://127.0.0.1:9');
    expect(r.code).toBe(0);
    expect(r.out).toContain('fault: pause table replication between the regions');
    expect(r.out).toContain('remove the primary API’s reserved concurrency, then resume table replication');
    expect(r.out).toContain('Dry run: nothing was changed.');
  });

  it('exits 2 when the stack is unreachable, saying what to do', () => {
    const r = run('region-kill', '--console', 'http://127.0.0.1:9', '--site', 'http://127.0.0.1:9');
    expect(r.code).toBe(2);
    expect(r.err).toContain('The local console at http://127.0.0.1:9 did not answer');
    expect(r.err).toContain('npm start');
  });
});
