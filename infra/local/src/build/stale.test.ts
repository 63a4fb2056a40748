import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isStale, newestMtime, strideBuildSteps, type BuildStep } from './stale';

let dir = '';
let step: BuildStep;
const at = (file: string, seconds: number) => utimes(file, seconds, seconds);

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'stride-stale-'));
  await mkdir(path.join(dir, 'src', 'deep'), { recursive: true });
  await writeFile(path.join(dir, 'src', 'deep', 'a.ts'), 'a');
  await at(path.join(dir, 'src', 'deep', 'a.ts'), 1000);
  await at(path.join(dir, 'src', 'deep'), 1000);
  await at(path.join(dir, 'src'), 1000);
  step = { name: 't', inputs: [path.join(dir, 'src')], stamp: path.join(dir, 'stamp'), cwd: dir, script: 'x' };
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('isStale', () => {
  it('is stale with no stamp', () => {
    expect(isStale(step)).toBe(true);
  });

  it('is fresh when the stamp is newer than every input', async () => {
    await writeFile(step.stamp, '');
    await at(step.stamp, 2000);
    expect(isStale(step)).toBe(false);
  });

  it('is stale when a nested input changed after the stamp', async () => {
    await writeFile(step.stamp, '');
    await at(step.stamp, 2000);
    await at(path.join(dir, 'src', 'deep', 'a.ts'), 3000);
    expect(isStale(step)).toBe(true);
  });

  it('treats a missing input as old', () => {
    expect(newestMtime(path.join(dir, 'nope'))).toBe(0);
  });
});

describe('strideBuildSteps', () => {
  const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..', '..');
  const steps = strideBuildSteps(repoRoot);
  const covered = (step: BuildStep, file: string) => step.inputs.some((input) => file === input || file.startsWith(input + path.sep));

  // A build that imports code from another workspace is stale when that code changes: every
  // such import in a build's scripts must fall under one of the step's inputs (benchmarks under
  // scripts/bench are not part of the build).
  it.each([
    ['web', 'web/scripts'],
    ['edge', 'edge/scripts'],
  ])('%s: every module its build imports from outside its workspace is an input', async (name, scriptsDir) => {
    const step = steps.find((s) => s.name === name);
    if (!step) throw new Error(`no build step named ${name}`);
    const dir = path.join(repoRoot, scriptsDir);
    const foreign: string[] = [];
    for (const file of (await readdir(dir, { recursive: true })).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith(`bench${path.sep}`),
    )) {
      const source = await readFile(path.join(dir, file), 'utf8');
      // Other workspaces are imported by package name (@stride/<workspace>/<entry>): resolve each
      // through that workspace's package.json "exports", as Node and the bundlers do.
      for (const [, pkg, entry] of source.matchAll(/from '@stride\/([a-z-]+)\/([^']+)'/g)) {
        const manifest = JSON.parse(await readFile(path.join(repoRoot, pkg ?? '', 'package.json'), 'utf8')) as {
          exports?: Record<string, string>;
        };
        const target = manifest.exports?.[`./${entry ?? ''}`];
        if (!target) throw new Error(`${file}: @stride/${pkg}/${entry} is not in ${pkg}/package.json exports`);
        const resolved = path.resolve(repoRoot, pkg ?? '', target);
        if (!resolved.startsWith(path.join(repoRoot, name) + path.sep)) foreign.push(resolved);
      }
    }
    expect(foreign.length).toBeGreaterThan(0);
    expect(foreign.filter((target) => !covered(step, target))).toEqual([]);
  });

  it('rebuilds the web app when a public asset changes', () => {
    const web = steps.find((s) => s.name === 'web');
    expect(web && covered(web, path.join(repoRoot, 'web', 'public', 'posters', 'hiit-30.svg'))).toBe(true);
  });
});
