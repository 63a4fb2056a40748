import path from 'node:path';
import { parseArgs } from 'node:util';
import { SCENARIO_NAMES, type ScenarioName } from './scenarios';

export interface DrillArgs {
  readonly list: boolean;
  readonly scenario: ScenarioName | null;
  readonly site: string;
  readonly console: string;
  readonly outDir: string;
  readonly dryRun: boolean;
  readonly start: boolean;
  readonly maxDurationSec: number;
  readonly target: 'local' | 'aws';
  readonly config: string | null;
  readonly viewers: number;
  readonly realPlayers: number;
  readonly playSec: number;
  readonly steadyWindowSec: number;
  readonly holdSec: number;
  readonly errorShare: number;
  readonly latencyMs: number;
  readonly drainSec: number;
  readonly afterFailoverSec: number;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `Usage: npm run drill -- <scenario> [options]
       npm run drill -- --list

Options:
  --site URL           the site (local CloudFront) viewers use (default http://localhost:8080)
  --console URL        the local console (default http://localhost:8090)
  --start              start a local stack of its own on free ports instead (health settings from STRIDE_HEALTH_*, STRIDE_DNS_TTL)
  --out DIR            where journal.json, report.html and junit.xml go (default drill-reports/<time>-<scenario>/)
  --dry-run            print the plan and touch nothing
  --max-duration S     stop (and roll back) after S seconds (default 600)
  --target aws --config FILE   run against a deployed Stride (see README "Failover drills")
  --viewers N          light viewers (default 8)        --real-players N   Chromium players (default 0)
  --play-sec S         seconds per play (default 20)     --steady-window S  steady-state window (default 10)
  --hold S             how long a fault that does not fail over stays (default 30)
  --error-share X      region-errors share, 0–1 (default 0.5)   --latency-ms MS  region-latency delay (default 3000)
  --after-failover S   how long a fault that fails over stays after DNS flipped (default 15)
  --drain S            at the end, how long viewers' outboxes may deliver before what is left counts as lost (default 30)`;

const number = (name: string, raw: string | undefined, fallback: number, min: number, max: number, integer = true): number => {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new UsageError(`--${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, got "${raw}"`);
  }
  return value;
};

const url = (name: string, raw: string | undefined, fallback: string): string => {
  const value = raw ?? fallback;
  try {
    const parsed = new URL(value);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
    return value.replace(/\/+$/, '');
  } catch {
    throw new UsageError(`--${name} must be an http(s) URL, got "${value}"`);
  }
};

/** Parses the drill's command line (pure but for the default out dir's clock); bad input is a UsageError naming it. */
export function parseDrillArgs(argv: readonly string[], now = new Date(), cwd = process.cwd()): DrillArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        list: { type: 'boolean' },
        site: { type: 'string' },
        console: { type: 'string' },
        out: { type: 'string' },
        'dry-run': { type: 'boolean' },
        start: { type: 'boolean' },
        'max-duration': { type: 'string' },
        target: { type: 'string' },
        config: { type: 'string' },
        viewers: { type: 'string' },
        'real-players': { type: 'string' },
        'play-sec': { type: 'string' },
        'steady-window': { type: 'string' },
        hold: { type: 'string' },
        'error-share': { type: 'string' },
        'latency-ms': { type: 'string' },
        drain: { type: 'string' },
        'after-failover': { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values: v, positionals } = parsed;
  const list = v.list ?? false;
  if (positionals.length > 1) throw new UsageError(`one scenario at a time, got ${positionals.join(', ')}`);
  const name = positionals[0];
  if (!list && name === undefined) throw new UsageError(`name a scenario: ${SCENARIO_NAMES.join(', ')} (or --list)`);
  if (name !== undefined && !SCENARIO_NAMES.includes(name as ScenarioName))
    throw new UsageError(
      `unknown scenario "${name}"; scenarios are ${SCENARIO_NAMES.join(', ')} (npm run drill -- --list says what each does)`,
    );
  const target = v.target ?? 'local';
  if (target !== 'local' && target !== 'aws') throw new UsageError(`--target must be local or aws, got "${target}"`);
  if (target === 'aws' && !v.config)
    throw new UsageError('--target aws needs --config <file> (the drill config: see README "Failover drills")');
  if (target === 'aws' && v.start) throw new UsageError('--start brings up a local stack; it cannot be combined with --target aws');
  if (v.start && (v.site || v.console)) throw new UsageError('--start picks its own site and console URLs; drop --site/--console');
  const stamp = now.toISOString().replace(/[:.]/g, '-').slice(0, 19);
  return {
    list,
    scenario: (name as ScenarioName | undefined) ?? null,
    site: url('site', v.site, 'http://localhost:8080'),
    console: url('console', v.console, 'http://localhost:8090'),
    outDir: path.resolve(cwd, v.out ?? path.join('drill-reports', `${stamp}-${name ?? 'list'}`)),
    dryRun: v['dry-run'] ?? false,
    start: v.start ?? false,
    maxDurationSec: number('max-duration', v['max-duration'], 600, 5, 24 * 3600),
    target,
    config: v.config ? path.resolve(cwd, v.config) : null,
    viewers: number('viewers', v.viewers, 8, 1, 500),
    realPlayers: number('real-players', v['real-players'], 0, 0, 10),
    playSec: number('play-sec', v['play-sec'], 20, 2, 3600),
    steadyWindowSec: number('steady-window', v['steady-window'], 10, 1, 600),
    holdSec: number('hold', v.hold, 30, 1, 3600),
    errorShare: number('error-share', v['error-share'], 0.5, 0.01, 1, false),
    latencyMs: number('latency-ms', v['latency-ms'], 3000, 1, 60_000),
    drainSec: number('drain', v.drain, 30, 1, 600),
    afterFailoverSec: number('after-failover', v['after-failover'], 15, 0, 3600),
  };
}
