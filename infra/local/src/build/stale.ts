import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export interface BuildStep {
  readonly name: string;
  /** Files and folders whose change makes the output stale. */
  readonly inputs: readonly string[];
  /** Written last by the build, so its mtime says when the output was complete. */
  readonly stamp: string;
  readonly cwd: string;
  readonly script: string;
}

const SKIP = new Set(['node_modules', 'dist', '.git']);

/** The newest modification time under a file or folder (0 when it does not exist). */
export function newestMtime(target: string): number {
  let info;
  try {
    info = statSync(target);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

export function isStale(step: BuildStep): boolean {
  const built = newestMtime(step.stamp);
  return built === 0 || step.inputs.some((input) => newestMtime(input) > built);
}

/** Runs each stale step in order; a step whose inputs include an earlier output follows it. */
export function buildIfStale(steps: readonly BuildStep[], log: (line: string) => void): void {
  for (const step of steps) {
    if (!isStale(step)) continue;
    log(`building ${step.name} (sources changed since the last build)…`);
    const result = spawnSync(process.execPath, ['--import', 'tsx', step.script], { cwd: step.cwd, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`${step.name} build failed (exit ${result.status ?? result.signal}); see the output above`);
  }
}

export function strideBuildSteps(repoRoot: string): BuildStep[] {
  const web = path.join(repoRoot, 'web');
  const edge = path.join(repoRoot, 'edge');
  const lockfile = path.join(repoRoot, 'package-lock.json');
  return [
    {
      name: 'session keys',
      inputs: [],
      stamp: path.join(repoRoot, '.stride', 'keys', 'jwks.json'),
      cwd: repoRoot,
      script: 'infra/tools/session-keys-cli.ts',
    },
    {
      name: 'web',
      // edge/src/config: the prerender builds the route manifest with the edge's own builder;
      // contract/: the product rules both sides import.
      inputs: [
        path.join(repoRoot, 'contract', 'src'),
        path.join(web, 'src'),
        path.join(web, 'content'),
        path.join(web, 'public'),
        path.join(web, 'scripts'),
        path.join(web, 'index.html'),
        path.join(edge, 'src', 'config'),
        path.join(repoRoot, 'vite.config.ts'),
        lockfile,
      ],
      stamp: path.join(web, 'dist', '.build-stamp'),
      cwd: web,
      script: 'scripts/build.ts',
    },
    {
      name: 'edge',
      // session-keys.ts: the build bakes its issuer, audience and cookie name into viewer-request.
      inputs: [
        path.join(repoRoot, 'contract', 'src'),
        path.join(edge, 'src'),
        path.join(edge, 'scripts'),
        path.join(web, 'dist', '.build-stamp'),
        path.join(repoRoot, '.stride', 'keys', 'jwks.json'),
        path.join(repoRoot, 'infra', 'tools', 'session-keys.ts'),
        lockfile,
      ],
      stamp: path.join(edge, 'dist', '.build-stamp'),
      cwd: edge,
      script: 'scripts/build.ts',
    },
  ];
}
