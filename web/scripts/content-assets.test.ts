import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Program } from '../src/shared/content/schema';
import { loadPrograms } from './content';
import { checkContentAssets } from './content-assets';
import { webPaths } from './paths';

const program: Program = {
  slug: 'core-10',
  title: 'Core 10',
  tagline: 't',
  description: 'd',
  trainer: 'Sam',
  level: 'beginner',
  equipment: [],
  featured: false,
  launchAt: '2026-02-01T06:00:00Z',
  poster: { src: '/posters/core-10.svg', width: 640, height: 360, alt: 'Core 10' },
  workouts: [
    { id: 'w-core-1', title: 'One', durationSec: 600, mediaId: 'clip-a' },
    { id: 'w-core-2', title: 'Two', durationSec: 600, mediaId: 'clip-b' },
  ],
};

let root = '';
let dirs = { contentDir: '', publicDir: '', mediaDir: '' };
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'stride-assets-'));
  dirs = { contentDir: path.join(root, 'content'), publicDir: path.join(root, 'public'), mediaDir: path.join(root, 'media') };
  await mkdir(path.join(dirs.publicDir, 'posters'), { recursive: true });
  await mkdir(path.join(dirs.mediaDir, 'clip-a'), { recursive: true });
  await writeFile(path.join(dirs.mediaDir, 'clip-a', 'master.m3u8'), '#EXTM3U\n');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('checkContentAssets', () => {
  it('names the file and field of a missing poster and of a media id without a stream', async () => {
    const error = await checkContentAssets([program], dirs).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain('2 missing asset(s)');
    expect(error?.message).toMatch(/core-10\.json: poster\.src: \/posters\/core-10\.svg does not exist/);
    expect(error?.message).toMatch(/core-10\.json: workouts\.1\.mediaId: "clip-b" has no .*clip-b\/master\.m3u8/);
    expect(error?.message).not.toMatch(/workouts\.0/);
  });

  it('passes when every poster and stream exists', async () => {
    await writeFile(path.join(dirs.publicDir, 'posters', 'core-10.svg'), '<svg/>');
    const ok = { ...program, workouts: program.workouts.map((w) => ({ ...w, mediaId: 'clip-a' })) };
    await expect(checkContentAssets([ok], dirs)).resolves.toBeUndefined();
  });

  it('finds every poster and stream of the shipped catalog', async () => {
    const shipped = await loadPrograms(webPaths.contentDir);
    await expect(
      checkContentAssets(shipped, {
        contentDir: webPaths.contentDir,
        publicDir: path.join(webPaths.webDir, 'public'),
        mediaDir: path.join(webPaths.webDir, 'media'),
      }),
    ).resolves.toBeUndefined();
  });
});
