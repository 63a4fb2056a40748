import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFiles } from '../testing/harness';
import { replicate } from './replicate';

let root = '';
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('replicate (a replica bucket kept up to date with its primary)', () => {
  it('copies everything once, then only what changed, and deletes what the primary no longer has', () => {
    root = mkdtempSync(path.join(tmpdir(), 'stride-replicate-'));
    const from = path.join(root, 'primary');
    const to = path.join(root, 'replica');
    writeFiles(from, { 'a/master.m3u8': '#EXTM3U\n', 'a/seg0.ts': 'zero', 'b/seg0.ts': 'b' });
    expect(replicate(from, to)).toEqual({ copied: 3, deleted: 0 });
    expect(replicate(from, to)).toEqual({ copied: 0, deleted: 0 });

    writeFileSync(path.join(from, 'a', 'seg0.ts'), 'zero, re-encoded');
    const later = new Date(Date.now() + 5000);
    utimesSync(path.join(from, 'a', 'seg0.ts'), later, later);
    rmSync(path.join(from, 'b'), { recursive: true });
    expect(replicate(from, to)).toEqual({ copied: 1, deleted: 1 });
    expect(readFileSync(path.join(to, 'a', 'seg0.ts'), 'utf8')).toBe('zero, re-encoded');
    expect(existsSync(path.join(to, 'b'))).toBe(false);
  });

  it('empties the replica when the primary folder does not exist', () => {
    root = mkdtempSync(path.join(tmpdir(), 'stride-replicate-'));
    const to = path.join(root, 'replica');
    writeFiles(to, { 'stale.html': 'x' });
    replicate(path.join(root, 'missing'), to);
    expect(existsSync(path.join(to, 'stale.html'))).toBe(false);
  });
});
