import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listBuiltObjects, listLocalObjects } from './local-files';

describe('listLocalObjects', () => {
  it('lists nested files as "/"-separated keys with the MD5 of their bytes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'stride-publish-'));
    mkdirSync(path.join(dir, 'programs', 'hiit-30'), { recursive: true });
    writeFileSync(path.join(dir, 'index.html'), '<h1>home</h1>');
    writeFileSync(path.join(dir, 'programs', 'hiit-30', 'index.html'), '<h1>hiit</h1>');
    expect(await listLocalObjects(dir)).toEqual([
      { key: 'index.html', md5: createHash('md5').update('<h1>home</h1>').digest('hex'), size: 13 },
      { key: 'programs/hiit-30/index.html', md5: createHash('md5').update('<h1>hiit</h1>').digest('hex'), size: 13 },
    ]);
  });

  it('says to build first when the folder is missing or empty', async () => {
    await expect(listLocalObjects('/nonexistent/stride-dist')).rejects.toThrow(
      /\/nonexistent\/stride-dist does not exist: build the site first/,
    );
    await expect(listLocalObjects(mkdtempSync(path.join(tmpdir(), 'stride-publish-')))).rejects.toThrow(/is empty: build the site first/);
  });
});

describe('listBuiltObjects (with the build report: hash only what the build changed)', () => {
  const md5 = (text: string) => createHash('md5').update(text).digest('hex');
  const setUp = () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'stride-built-'));
    const dir = path.join(dist, 'client');
    mkdirSync(path.join(dir, 'programs', 'a'), { recursive: true });
    writeFileSync(path.join(dir, 'index.html'), 'home v1');
    writeFileSync(path.join(dir, 'programs', 'a', 'index.html'), 'a v1');
    writeFileSync(path.join(dir, 'gone.json'), 'old');
    const report = path.join(dist, 'build-report.json');
    const writeReport = (value: { id: string; base: string | null; changed: string[] | null; removed: string[] }) =>
      writeFileSync(report, JSON.stringify({ mode: value.base ? 'incremental' : 'full', ...value }));
    return { dist, dir, report, writeReport };
  };

  it('hashes every file without a report, after a full build, and once more when the report is of another build', async () => {
    const { dir, report, writeReport } = setUp();
    expect((await listBuiltObjects(dir)).how).toMatch(/hashed every object \(no build report given\)/);
    writeReport({ id: 'full-1', base: null, changed: null, removed: [] });
    const full = await listBuiltObjects(dir, report);
    expect(full.hashed).toBe(3);
    expect(full.objects).toEqual(await listLocalObjects(dir));
    // Published again with no build in between: the listing after this very build.
    expect((await listBuiltObjects(dir, report)).hashed).toBe(0);
    // The build before this one was never listed (two builds, one publish): every file again.
    writeFileSync(path.join(dir, 'index.html'), 'home v3');
    writeReport({ id: 'inc-3', base: 'inc-2', changed: ['index.html'], removed: [] });
    const other = await listBuiltObjects(dir, report);
    expect(other.how).toMatch(/hashed every object \(the last publish listed the output of another build/);
    expect(other.objects).toEqual(await listLocalObjects(dir));
  });

  it('after an incremental build of the listed one, hashes only the keys it names and matches hashing everything', async () => {
    const { dir, report, writeReport } = setUp();
    writeReport({ id: 'full-1', base: null, changed: null, removed: [] });
    await listBuiltObjects(dir, report);
    writeFileSync(path.join(dir, 'index.html'), 'home v2');
    mkdirSync(path.join(dir, 'programs', 'b'));
    writeFileSync(path.join(dir, 'programs', 'b', 'index.html'), 'b v1');
    rmSync(path.join(dir, 'gone.json'));
    writeReport({ id: 'inc-2', base: 'full-1', changed: ['index.html', 'programs/b/index.html'], removed: ['gone.json'] });
    const listed = await listBuiltObjects(dir, report);
    expect(listed.hashed).toBe(2);
    expect(listed.objects).toEqual(await listLocalObjects(dir));
    expect(listed.objects.find((o) => o.key === 'index.html')?.md5).toBe(md5('home v2'));
  });

  it('hashes every file when the report does not match the folder or is not a report', async () => {
    const { dir, report, writeReport } = setUp();
    writeReport({ id: 'full-1', base: null, changed: null, removed: [] });
    await listBuiltObjects(dir, report);
    writeReport({ id: 'inc-2', base: 'full-1', changed: ['programs/missing/index.html'], removed: [] });
    expect((await listBuiltObjects(dir, report)).how).toMatch(/programs\/missing\/index.html is reported changed but is not there/);
    writeReport({ id: 'inc-3', base: 'inc-2', changed: [], removed: ['index.html'] });
    expect((await listBuiltObjects(dir, report)).how).toMatch(/index.html is reported removed but is there/);
    writeReport({ id: 'inc-4', base: 'inc-3', changed: ['../outside'], removed: [] });
    expect((await listBuiltObjects(dir, report)).how).toMatch(/build-report.json is not one this publish reads/);
    writeFileSync(report, '{');
    const broken = await listBuiltObjects(dir, report);
    expect(broken.how).toMatch(/build-report.json is not JSON/);
    expect(broken.objects).toEqual(await listLocalObjects(dir));
  });
});
