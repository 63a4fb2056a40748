import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BucketOrigin } from './bucket-origin';

let root = '';
let bucket: BucketOrigin;
beforeAll(async () => {
  const base = await mkdtemp(path.join(tmpdir(), 'stride-bucket-'));
  root = path.join(base, 'bucket');
  await mkdir(path.join(root, 'programs', 'a b'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<h1>home</h1>');
  await writeFile(path.join(root, 'programs', 'a b', 'index.html'), 'spaced');
  await writeFile(path.join(base, 'secret.txt'), 'outside the bucket');
  bucket = new BucketOrigin('site', root);
});
afterAll(async () => {
  await rm(path.dirname(root), { recursive: true, force: true });
});

describe('BucketOrigin', () => {
  it('serves an object with type and a content ETag', async () => {
    const object = await bucket.get('/index.html');
    expect(object?.body.toString()).toBe('<h1>home</h1>');
    expect(object?.contentType).toBe('text/html; charset=utf-8');
    expect(object?.etag).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it('decodes percent-encoded keys as S3 does', async () => {
    expect((await bucket.get('/programs/a%20b/index.html'))?.body.toString()).toBe('spaced');
  });

  it.each(['/', '/programs', '/missing.html', '/../secret.txt', '/%2e%2e/secret.txt', '/%E0%A4%A', '/index.html%00'])(
    'has no object at %s',
    async (uri) => {
      expect(await bucket.get(uri)).toBeUndefined();
    },
  );
});
