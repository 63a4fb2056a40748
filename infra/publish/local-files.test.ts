import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listLocalObjects } from './local-files';

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
