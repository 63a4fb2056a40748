import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isStale, newestMtime, type BuildStep } from './stale';

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
