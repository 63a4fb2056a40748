import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPrograms } from './content';

const valid = {
  slug: 'core-10',
  title: 'Core 10',
  tagline: 'Ten minutes.',
  description: 'Short core work.',
  trainer: 'Sam',
  level: 'beginner',
  equipment: [],
  featured: false,
  launchAt: '2026-02-01T06:00:00Z',
  poster: { src: '/posters/core-10.svg', width: 640, height: 360, alt: 'Core 10 poster' },
  workouts: [{ id: 'w-core-1', title: 'Plank ladder', durationSec: 600, mediaId: 'sample-hiit' }],
};

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'stride-content-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const write = (name: string, body: unknown) => writeFile(path.join(dir, name), typeof body === 'string' ? body : JSON.stringify(body));

describe('loadPrograms', () => {
  it('loads valid programs', async () => {
    await write('core-10.json', valid);
    const programs = await loadPrograms(dir);
    expect(programs.map((p) => p.slug)).toEqual(['core-10']);
  });

  it('names the file and the field of a bad entry', async () => {
    await write('core-10.json', { ...valid, workouts: [{ id: 'w-core-1', title: 'x', durationSec: '600' }] });
    await expect(loadPrograms(dir)).rejects.toThrow(/core-10\.json: workouts\.0\.durationSec: .*number/);
  });

  it('names a missing or malformed poster and media id', async () => {
    const { poster: _poster, ...noPoster } = valid;
    await write('core-10.json', { ...noPoster, workouts: [{ id: 'w-core-1', title: 'x', durationSec: 600, mediaId: 'Bad Id' }] });
    const error = await loadPrograms(dir).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/core-10\.json: poster: /);
    expect(error?.message).toMatch(/core-10\.json: workouts\.0\.mediaId: must be lowercase words/);
    await write('core-10.json', { ...valid, poster: { src: 'https://cdn.example/p.png', width: 0, height: 360, alt: 'p' } });
    const sized = await loadPrograms(dir).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(sized?.message).toMatch(/core-10\.json: poster\.src: must be \/posters\//);
    expect(sized?.message).toMatch(/core-10\.json: poster\.width: /);
  });

  it('rejects unknown fields, so typos are not silently dropped', async () => {
    await write('core-10.json', { ...valid, tittle: 'typo' });
    await expect(loadPrograms(dir)).rejects.toThrow(/core-10\.json: .*tittle/);
  });

  it('reports invalid JSON with the file name', async () => {
    await write('core-10.json', '{ "slug": ');
    await expect(loadPrograms(dir)).rejects.toThrow(/core-10\.json: not valid JSON/);
  });

  it('requires the slug to match the file name', async () => {
    await write('other.json', valid);
    await expect(loadPrograms(dir)).rejects.toThrow(/other\.json: slug: "core-10" must match/);
  });

  it('rejects a workout id used by two programs', async () => {
    await write('core-10.json', valid);
    await write('core-20.json', { ...valid, slug: 'core-20' });
    await expect(loadPrograms(dir)).rejects.toThrow(/core-20\.json: workouts\.0\.id: "w-core-1" is also used by program "core-10"/);
  });

  it('fails on an empty content folder', async () => {
    await expect(loadPrograms(dir)).rejects.toThrow(/no program files/);
  });

  it('loads the shipped catalog', async () => {
    const programs = await loadPrograms(path.resolve(import.meta.dirname, '../content/programs'));
    expect(programs.length).toBeGreaterThanOrEqual(8);
    expect(programs.flatMap((p) => p.workouts).length).toBeGreaterThanOrEqual(60);
    // The coming-soon path and the country-licence path each need at least one program.
    expect(programs.some((p) => p.launchAt > '2026-12-31T23:59:59Z')).toBe(true);
    expect(programs.filter((p) => p.countries !== undefined).length).toBeGreaterThanOrEqual(2);
  });
});
