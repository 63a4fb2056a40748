import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { configFromEnv, type LocalStackConfig } from '../../local/src/config';
import { startLocalStack, type RunningStack } from '../../local/src/stack';

/**
 * `--start`: a local stack of the drill's own, on free loopback ports with a throwaway data folder
 * (so it never competes with an `npm start` for .stride/), health and DNS settings from the usual
 * STRIDE_* variables. The web and edge builds must exist (`npm run build`).
 */
export async function startOwnStack(
  env: NodeJS.ProcessEnv,
  overrides: Partial<LocalStackConfig> = {},
): Promise<{ stack: RunningStack; stop: () => Promise<void> }> {
  const base = configFromEnv(env);
  const missing = [base.siteDir, base.edgeDistDir].filter((dir) => !existsSync(dir));
  if (missing.length > 0)
    throw new Error(`--start needs the web and edge builds (${missing.join(', ')} missing): run \`npm run build\` first`);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'stride-drill-'));
  const config: LocalStackConfig = {
    ...base,
    sitePort: 0,
    apiPorts: { 'us-east-1': 0, 'us-west-1': 0 },
    consolePort: 0,
    dataDir,
    siteReplicaDir: path.join(dataDir, 'buckets', 'site-replica'),
    mediaReplicaDir: path.join(dataDir, 'buckets', 'media-replica'),
    accessLogFile: null,
    ...overrides,
  };
  const stack = await startLocalStack(config);
  return {
    stack,
    async stop() {
      await stack.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
