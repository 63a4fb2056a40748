import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBuildRecord } from './build-record';
import { codeFingerprint } from './code-fingerprint';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'stride-fingerprint-'));
  await mkdir(path.join(root, 'src', 'app'), { recursive: true });
  await mkdir(path.join(root, 'public', 'posters'), { recursive: true });
  await writeFile(path.join(root, 'src', 'app', 'page.tsx'), 'export const a = 1;\n');
  await writeFile(path.join(root, 'index.html'), '<!doctype html>\n');
});
afterEach(() => rm(root, { recursive: true, force: true }));

const inputs = () => [path.join(root, 'src'), path.join(root, 'public'), path.join(root, 'index.html'), path.join(root, 'missing')];

describe('codeFingerprint (a change makes the next build a full one)', () => {
  it('changes when a source file or the template changes', async () => {
    const first = await codeFingerprint(root, inputs());
    await writeFile(path.join(root, 'src', 'app', 'page.tsx'), 'export const a = 2;\n');
    const second = await codeFingerprint(root, inputs());
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>x</title>\n');
    const third = await codeFingerprint(root, inputs());
    expect(new Set([first, second, third]).size).toBe(3);
  });

  it('ignores tests and posters (content assets, copied one by one)', async () => {
    const first = await codeFingerprint(root, inputs());
    await writeFile(path.join(root, 'src', 'app', 'page.test.tsx'), 'test\n');
    await writeFile(path.join(root, 'public', 'posters', 'new.svg'), '<svg/>\n');
    expect(await codeFingerprint(root, inputs())).toBe(first);
  });
});

describe('readBuildRecord', () => {
  it('says why there is nothing to build on', async () => {
    expect(await readBuildRecord(path.join(root, 'none.json'))).toBe('no previous build record');
    await writeFile(path.join(root, 'bad.json'), '{');
    expect(await readBuildRecord(path.join(root, 'bad.json'))).toMatch(/is not JSON/);
    await writeFile(path.join(root, 'old.json'), '{"version":0}');
    expect(await readBuildRecord(path.join(root, 'old.json'))).toMatch(/not a build record/);
  });
});
