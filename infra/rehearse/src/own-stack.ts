import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const READY = '[stride] ready ';

/**
 * `--start`: the local stack as `npm start` runs it (same entry point), in a process of its own on
 * free ports with a throwaway data folder. Its own process, not this one: the load generator
 * must not share an event loop (and a CPU) with the stack it measures.
 */
export function startStackProcess(timeoutMs = 120_000): Promise<{ siteUrl: string; consoleUrl: string; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'stride-rehearsal-stack-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: '0',
      STRIDE_API_PORT: '0',
      STRIDE_API_WEST_PORT: '0',
      STRIDE_CONSOLE_PORT: '0',
      STRIDE_DATA_DIR: dataDir,
      STRIDE_ACCESS_LOG: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => rmSync(dataDir, { recursive: true, force: true }));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the local stack did not start in ${timeoutMs / 1000} s:\n${output.slice(-2000)}`));
    }, timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith(READY));
      if (!line) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      const ready = JSON.parse(line.slice(READY.length)) as { site: string; console: string };
      resolve({ siteUrl: ready.site, consoleUrl: ready.console, stop });
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the local stack exited before it was ready:\n${output.slice(-2000)}`));
    });
  });
}
