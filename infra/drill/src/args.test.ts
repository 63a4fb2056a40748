import { describe, expect, it } from 'vitest';
import { parseDrillArgs, UsageError } from './args';
import { describeStep, describeUndo, findScenario, SCENARIO_NAMES, scenarios } from './scenarios';

const now = new Date('2026-12-05T06:00:00.000Z');

describe('parseDrillArgs', () => {
  it('reads the scenario and every option the issue names', () => {
    const args = parseDrillArgs(
      [
        'region-kill',
        '--site',
        'http://127.0.0.1:9000/',
        '--console',
        'http://127.0.0.1:9001',
        '--out',
        'r',
        '--dry-run',
        '--max-duration',
        '120',
      ],
      now,
      '/repo',
    );
    expect(args).toMatchObject({
      scenario: 'region-kill',
      site: 'http://127.0.0.1:9000',
      console: 'http://127.0.0.1:9001',
      outDir: '/repo/r',
      dryRun: true,
      maxDurationSec: 120,
      target: 'local',
      start: false,
    });
  });

  it('takes the outboxes’ drain time at the end (default 30 s) and refuses a bad one by name', () => {
    expect(parseDrillArgs(['region-kill'], now, '/repo').drainSec).toBe(30);
    expect(parseDrillArgs(['region-kill', '--drain', '45'], now, '/repo').drainSec).toBe(45);
    expect(() => parseDrillArgs(['region-kill', '--drain', '0'], now, '/repo')).toThrow(
      '--drain must be a whole number from 1 to 600, got "0"',
    );
  });

  it('defaults to the local stack of `npm start` and a dated report folder', () => {
    expect(parseDrillArgs(['failback'], now, '/repo')).toMatchObject({
      site: 'http://localhost:8080',
      console: 'http://localhost:8090',
      outDir: '/repo/drill-reports/2026-12-05T06-00-00-failback',
      maxDurationSec: 600,
    });
    expect(parseDrillArgs(['--list'], now, '/repo')).toMatchObject({ list: true, scenario: null });
    expect(parseDrillArgs(['region-kill', '--target', 'aws', '--config', 'drill.json'], now, '/repo')).toMatchObject({
      target: 'aws',
      config: '/repo/drill.json',
    });
  });

  it.each([
    [[], 'name a scenario'],
    [['region-nap'], 'unknown scenario "region-nap"'],
    [['region-kill', 'failback'], 'one scenario at a time'],
    [['region-kill', '--max-duration', 'soon'], '--max-duration must be a whole number from 5 to 86400, got "soon"'],
    [['region-kill', '--site', 'localhost:8080'], '--site must be an http(s) URL'],
    [['region-kill', '--target', 'gcp'], '--target must be local or aws'],
    [['region-kill', '--target', 'aws'], '--target aws needs --config'],
    [['region-kill', '--start', '--site', 'http://x'], '--start picks its own'],
    [['region-kill', '--error-share', '2'], '--error-share must be a number from 0.01 to 1'],
    [['region-kill', '--bogus'], "Unknown option '--bogus'"],
  ])('refuses %j with a message naming the problem', (argv, message) => {
    expect(() => parseDrillArgs(argv, now, '/repo')).toThrow(UsageError);
    expect(() => parseDrillArgs(argv, now, '/repo')).toThrow(message);
  });
});

describe('scenarios', () => {
  it('defines the seven scenarios of the issue, each with a hypothesis and faults it can undo', () => {
    expect(SCENARIO_NAMES).toEqual([
      'region-kill',
      'region-errors',
      'region-latency',
      'site-bucket-loss',
      'media-bucket-loss',
      'replication-pause',
      'failback',
    ]);
    for (const s of scenarios()) {
      expect(s.expects).toContain('Steady state');
      expect(s.faults.length).toBeGreaterThan(0);
      for (const f of s.faults) expect(describeUndo(f)).not.toBe(describeStep(f));
    }
  });

  it('takes the error share, latency and hold from options', () => {
    expect(findScenario('region-errors', { errorShare: 0.25 })?.faults).toEqual([
      { kind: 'region-errors', region: 'primary', errorShare: 0.25 },
    ]);
    expect(findScenario('region-latency', { addedLatencyMs: 2500 })?.faults).toEqual([
      { kind: 'region-latency', region: 'primary', addedLatencyMs: 2500 },
    ]);
    expect(findScenario('media-bucket-loss', { holdSec: 12 })?.hold).toEqual({ kind: 'for', seconds: 12 });
    expect(findScenario('nope')).toBeUndefined();
  });

  it('pauses replication before killing the primary, so the rollback restores the primary first', () => {
    expect(findScenario('replication-pause')?.faults.map((f) => f.kind)).toEqual(['replication-pause', 'region-concurrency']);
  });
});
