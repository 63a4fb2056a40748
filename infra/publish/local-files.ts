import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { LocalObject } from './plan';

/** Every file under `dir` as a bucket key ("/"-separated, relative) with the MD5 of its bytes. */
export async function listLocalObjects(dir: string): Promise<LocalObject[]> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${dir} does not exist: build the site first (npm run build)`);
    throw error;
  }
  const objects: LocalObject[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const body = await readFile(file);
    objects.push({
      key: path.relative(dir, file).split(path.sep).join('/'),
      md5: createHash('md5').update(body).digest('hex'),
      size: body.length,
    });
  }
  if (objects.length === 0) throw new Error(`${dir} is empty: build the site first (npm run build)`);
  return objects.sort((a, b) => (a.key < b.key ? -1 : 1));
}
