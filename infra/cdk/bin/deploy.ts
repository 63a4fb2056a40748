import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadStrideConfig } from '../config/stride-config';
import { defaultEdgeBundleDirs, repoRoot } from './app';
import { deployCommand, edgeReleaseBucketProblem } from './deploy-command';
import { siteBucketName } from '../lib/names';

// `npm run deploy [-- cdk flags]`: build first (package.json), then cdk deploy every stack.
try {
  const config = loadStrideConfig(process.env.STRIDE_CONFIG ? path.resolve(process.env.STRIDE_CONFIG) : undefined);
  const missing = Object.values(defaultEdgeBundleDirs()).filter((dir) => !existsSync(path.join(dir, 'index.js')));
  if (missing.length > 0) throw new Error(`${missing.join(', ')} not built: run npm run build`);
  const { command, args, cwd } = deployCommand(config, repoRoot, process.argv.slice(2));
  const viewerRequest = readFileSync(path.join(defaultEdgeBundleDirs()['viewer-request'], 'index.js'), 'utf8');
  const releaseProblem = edgeReleaseBucketProblem(viewerRequest, siteBucketName(config), config.regions.primary);
  if (releaseProblem) throw new Error(releaseProblem);
  console.log(`deploy: account ${config.account}, ${config.domainName}, regions ${config.regions.primary} + ${config.regions.secondary}`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  process.exitCode = result.status ?? 1;
} catch (error) {
  console.error(`deploy: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
