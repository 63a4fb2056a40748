import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogFile } from '@stride/contract/releases';
import { startLocalS3, type LocalS3 } from '../../local/src/s3/local-s3';
import { writeFiles } from '../../local/src/testing/harness';
import { publishRelease } from '../../publish/release';
import { loadCatalog } from './catalog';
import { createLiveCatalog, s3ReleaseCatalogReader } from './release-catalog';

// Real parts: the local S3 server, releases published by the publish library.
const contentDir = path.resolve(import.meta.dirname, '../../../web/content/programs');
const shippedFiles = (): CatalogFile[] =>
  readdirSync(contentDir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({ name, text: readFileSync(path.join(contentDir, name), 'utf8') }));
const retitled = (files: CatalogFile[], workoutId: string, title: string): CatalogFile[] =>
  files.map((f) =>
    f.text.includes(`"${workoutId}"`) ? { ...f, text: f.text.replace(/("id":\s*"w-hiit30-01",\s*"title":\s*")[^"]*/, `$1${title}`) } : f,
  );

let root = '';
let s3: LocalS3;
let client: S3Client;
const bucket = 'stride-site-primary';
beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'stride-live-catalog-'));
  s3 = await startLocalS3({ dir: path.join(root, 's3'), port: 0, buckets: [bucket] });
  client = s3.client();
  writeFiles(path.join(root, 'site'), { 'index.html': 'home' });
});
afterAll(async () => {
  await s3.close();
  rmSync(root, { recursive: true, force: true });
});

const publish = (catalog: unknown, page = 'home') => {
  writeFiles(path.join(root, 'site'), { 'index.html': page });
  return publishRelease({ s3: client, bucket }, { dir: path.join(root, 'site'), routing: {}, catalog });
};

describe('the API catalog from the live release', () => {
  it('serves the bundled catalog until a release is live, then the release’s, and keeps the last good one', async () => {
    const logged: unknown[] = [];
    const live = createLiveCatalog(loadCatalog(contentDir), s3ReleaseCatalogReader(client, bucket), { log: (m) => logged.push(m) });
    await live.refresh();
    expect(live.release).toBeUndefined();
    expect(live.workout('w-hiit30-01')?.title).toBe('Tabata Foundations');

    const files = shippedFiles();
    expect(files.some((f) => f.text.includes('"w-hiit30-01"'))).toBe(true);
    const first = await publish(retitled(files, 'w-hiit30-01', 'Tabata, Renamed'));
    await live.refresh();
    expect(live.release).toBe(first.release.id);
    expect(live.workout('w-hiit30-01')?.title).toBe('Tabata, Renamed');

    // A release whose catalog does not validate, or is empty, never replaces the good copy.
    await publish([{ name: 'hiit-30.json', text: '{ not json' }], 'home 2');
    await live.refresh();
    await publish([], 'home 3');
    await live.refresh();
    expect(live.release).toBe(first.release.id);
    expect(live.workout('w-hiit30-01')?.title).toBe('Tabata, Renamed');
    expect(logged).toHaveLength(2);
  });

  it('keeps the last good copy when S3 cannot be read', async () => {
    const logged: unknown[] = [];
    const live = createLiveCatalog(loadCatalog(contentDir), s3ReleaseCatalogReader(client, 'no-such-bucket'), {
      log: (m) => logged.push(m),
    });
    await live.refresh();
    expect(live.workout('w-hiit30-01')?.title).toBe('Tabata Foundations');
    expect(logged).toHaveLength(1);
  });

  it("reads a release's manifest once: a refresh that finds the same release live reads only the pointer", async () => {
    const reader = s3ReleaseCatalogReader(client, bucket);
    const manifestsRead: string[] = [];
    const live = createLiveCatalog(loadCatalog(contentDir), {
      pointer: () => reader.pointer(),
      files: (release) => (manifestsRead.push(release), reader.files(release)),
    });
    const published = await publish(shippedFiles(), 'home 4');
    await live.refresh();
    await live.refresh();
    expect(live.release).toBe(published.release.id);
    expect(manifestsRead).toEqual([published.release.id]);
  });
});
