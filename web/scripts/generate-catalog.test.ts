import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { programSchema } from '../src/shared/content/schema';
import { loadPrograms } from './content';
import { checkContentAssets } from './content-assets';
import { parseGenerateArgs, writeCatalog } from './generate-catalog';
import { webPaths } from './paths';
import { generateCatalog } from './synthetic-catalog';

describe('generateCatalog', () => {
  it('is deterministic for a seed and different across seeds', () => {
    const a = generateCatalog({ programs: 20, workoutsPerProgram: 3, seed: 7 });
    expect(generateCatalog({ programs: 20, workoutsPerProgram: 3, seed: 7 })).toEqual(a);
    expect(generateCatalog({ programs: 20, workoutsPerProgram: 3, seed: 8 })).not.toEqual(a);
  });

  it('makes valid programs with unique slugs and workout ids, some coming soon and some licensed', () => {
    const programs = generateCatalog({ programs: 300, workoutsPerProgram: 4, seed: 1 });
    for (const program of programs) expect(programSchema.safeParse(program).success).toBe(true);
    expect(new Set(programs.map((p) => p.slug)).size).toBe(300);
    expect(new Set(programs.flatMap((p) => p.workouts.map((w) => w.id))).size).toBe(1200);
    expect(programs.some((p) => p.launchAt > '2027')).toBe(true);
    expect(programs.some((p) => p.countries !== undefined)).toBe(true);
    expect(programs.filter((p) => p.featured)).toHaveLength(1);
  });
});

describe('parseGenerateArgs', () => {
  it('reads the flags with defaults', () => {
    expect(parseGenerateArgs(['--programs', '1000', '--out', 'x'])).toMatchObject({
      programs: 1000,
      workoutsPerProgram: 6,
      seed: 1,
      force: false,
      out: path.resolve('x'),
    });
    expect(parseGenerateArgs(['--programs=5', '--out=y', '--workouts=2', '--seed=9', '--force'])).toMatchObject({
      programs: 5,
      workoutsPerProgram: 2,
      seed: 9,
      force: true,
    });
  });

  it.each([
    [['--out', 'x'], /--programs is required/],
    [['--programs', '10'], /--out is required/],
    [['--programs', 'ten', '--out', 'x'], /--programs must be a whole number, got "ten"/],
    [['--programs', '0', '--out', 'x'], /--programs must be between 1 and 100000, got 0/],
    [['--programs', '5', '--out', 'x', '--workouts', '99'], /--workouts must be between 1 and 50/],
    [['--programs', '5', '--out', 'x', '--colour', 'red'], /Unknown option '--colour'/],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseGenerateArgs(argv)).toThrow(message);
  });
});

describe('writeCatalog', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'stride-synthetic-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a catalog the build loads, with posters and streams that exist', async () => {
    expect(await writeCatalog({ programs: 12, workoutsPerProgram: 2, seed: 1, out: dir, force: false })).toBe(12);
    const programs = await loadPrograms(dir);
    expect(programs).toHaveLength(12);
    await expect(
      checkContentAssets(programs, {
        contentDir: dir,
        publicDir: path.join(webPaths.webDir, 'public'),
        mediaDir: path.join(webPaths.webDir, 'media'),
      }),
    ).resolves.toBeUndefined();
  });

  it('refuses to mix with program files already there unless forced', async () => {
    await writeFile(path.join(dir, 'old.json'), '{}');
    await writeFile(path.join(dir, 'notes.txt'), 'keep me');
    await expect(writeCatalog({ programs: 2, workoutsPerProgram: 1, seed: 1, out: dir, force: false })).rejects.toThrow(
      /already has 1 program file\(s\); pass --force/,
    );
    await writeCatalog({ programs: 2, workoutsPerProgram: 1, seed: 1, out: dir, force: true });
    expect((await readdir(dir)).sort()).toEqual(['notes.txt', 'synthetic-1.json', 'synthetic-2.json']);
  });
});
