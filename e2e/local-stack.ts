import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface LocalStack {
  readonly siteUrl: string;
  readonly regions: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

const repoRoot = path.resolve(import.meta.dirname, '..');
const READY = '[stride] ready ';

/**
 * Starts the local stack exactly as `npm start` does (same entry point), on free ports, and
 * resolves once it prints its ready line.
 */
export function startLocalStack(timeoutMs = 90_000): Promise<LocalStack> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/src/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', STRIDE_API_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
      const ready = JSON.parse(line.slice(READY.length)) as { site: string; regions: Record<string, string> };
      resolve({ siteUrl: ready.site, regions: ready.regions, stop: () => stop(child) });
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
