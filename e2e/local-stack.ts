import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface LocalStack {
  readonly siteUrl: string;
  /** The SRE console (state JSON, reserved concurrency, invalidations). */
  readonly consoleUrl: string;
  readonly regions: Readonly<Record<string, string>>;
  /** Each region's replica of the API table (a DynamoDB endpoint), for seeding what the API cannot create. */
  readonly tables: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

const repoRoot = path.resolve(import.meta.dirname, '..');
const READY = '[stride] ready ';

export interface StartOptions {
  /** @default 90_000 */
  readonly timeoutMs?: number;
  /** More environment for the stack (its settings: STRIDE_ACCESS_LOG, health checks, …). */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Starts the local stack exactly as `npm start` does (same entry point), in a process of its own
 * on free ports, and resolves once it prints its ready line.
 */
export function startLocalStack({ timeoutMs = 90_000, env = {} }: StartOptions = {}): Promise<LocalStack> {
  // Each stack gets its own data folder (dynalite allows one process per folder) and free ports
  // for every server, so Playwright workers can each run one.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'stride-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...env,
      PORT: '0',
      STRIDE_API_PORT: '0',
      STRIDE_API_WEST_PORT: '0',
      STRIDE_CONSOLE_PORT: '0',
      STRIDE_DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`local stack did not become ready in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith(READY));
      if (!line) return;
      clearTimeout(timer);
      const ready = JSON.parse(line.slice(READY.length)) as {
        site: string;
        console: string;
        regions: Record<string, string>;
        tables: Record<string, string>;
      };
      resolve({ siteUrl: ready.site, consoleUrl: ready.console, regions: ready.regions, tables: ready.tables, stop: () => stop(child) });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local stack exited (${code}) before it was ready:\n${output}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
