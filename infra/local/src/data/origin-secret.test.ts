import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ORIGIN_VERIFY_SECRET } from '../../../distribution/distribution-description';
import { ensureOriginSecret, ORIGIN_VERIFY_FILE } from './origin-secret';

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => (dir = mkdtempSync(path.join(tmpdir(), 'stride-origin-secret-')));
const current = { secretName: ORIGIN_VERIFY_SECRET.secretName, jsonField: 'current' };

describe('local origin-verify secret', () => {
  it('is generated once (0600, the Secrets Manager JSON shape) and kept across starts', async () => {
    const first = ensureOriginSecret(tempDir());
    const file = path.join(dir, ORIGIN_VERIFY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { current: string };
    expect(stored.current.length).toBeGreaterThanOrEqual(32);
    expect(await first.readValues()).toEqual([stored.current]);
    expect(first.resolve(current)).toBe(stored.current);
    expect(ensureOriginSecret(dir).resolve(current)).toBe(stored.current);
  });

  it('hands the API current and previous during a rotation, read at each call', async () => {
    const secret = ensureOriginSecret(tempDir());
    const file = path.join(dir, ORIGIN_VERIFY_FILE);
    writeFileSync(file, JSON.stringify({ current: 'n'.repeat(40), previous: 'o'.repeat(40) }));
    expect(await secret.readValues()).toEqual(['n'.repeat(40), 'o'.repeat(40)]);
  });

  it('names the file and the field when the file is bad, and refuses other secrets', () => {
    writeFileSync(path.join(tempDir(), ORIGIN_VERIFY_FILE), JSON.stringify({ current: 'short' }));
    expect(() => ensureOriginSecret(dir)).toThrow(/origin-verify\.json: current: .*at least 32 characters.*delete the file/);
    writeFileSync(path.join(dir, ORIGIN_VERIFY_FILE), 'not json');
    expect(() => ensureOriginSecret(dir)).toThrow(/origin-verify\.json is not JSON/);
    writeFileSync(path.join(dir, ORIGIN_VERIFY_FILE), JSON.stringify({ current: 'c'.repeat(40) }));
    expect(() => ensureOriginSecret(dir).resolve({ secretName: 'stride/other', jsonField: 'current' })).toThrow(
      'no secret named stride/other',
    );
  });
});
