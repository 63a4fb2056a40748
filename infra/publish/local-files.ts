import { createHash, randomUUID } from 'node:crypto';
import { readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { LocalObject } from './plan';

const md5Of = (body: Buffer): string => createHash('md5').update(body).digest('hex');

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
    objects.push({ key: path.relative(dir, file).split(path.sep).join('/'), md5: md5Of(body), size: body.length });
  }
  if (objects.length === 0) throw new Error(`${dir} is empty: build the site first (npm run build)`);
  return objects.sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** A relative, "/"-separated key that stays inside the folder. */
const isObjectKey = (key: string): boolean =>
  key !== '' && !key.startsWith('/') && !key.includes('\\') && !key.split('/').some((part) => part === '' || part === '.' || part === '..');

/**
 * What publish reads of the build's report (web/dist/build-report.json, SiteBuildReport in
 * web/scripts/site-build.ts): the build's id, the build whose output it changed (null for a full
 * build), and the keys it wrote with new bytes and the ones it deleted.
 */
const buildReportSchema = z.object({
  id: z.string().min(1),
  base: z.string().min(1).nullable(),
  changed: z.array(z.string().refine(isObjectKey, 'not an object key')).nullable(),
  removed: z.array(z.string().refine(isObjectKey, 'not an object key')),
});
type BuildReport = z.infer<typeof buildReportSchema>;

/**
 * The folder's objects as publish last listed them (OBJECT_INDEX beside the report): which
 * folder, the build whose output it was, and each key with its MD5 and size.
 */
const MD5_HEX = /^[0-9a-f]{32}$/;
type IndexEntry = [key: string, md5: string, size: number];
const isIndexEntry = (entry: unknown): entry is IndexEntry =>
  Array.isArray(entry) &&
  entry.length === 3 &&
  typeof entry[0] === 'string' &&
  typeof entry[1] === 'string' &&
  MD5_HEX.test(entry[1]) &&
  Number.isSafeInteger(entry[2]) &&
  (entry[2] as number) >= 0;
const objectIndexSchema = z.object({
  version: z.literal(1),
  dir: z.string(),
  build: z.string().min(1),
  // Checked by hand: tens of thousands of entries, where a schema per entry costs half a second.
  objects: z
    .array(z.unknown())
    .refine((entries): entries is IndexEntry[] => entries.every(isIndexEntry), 'an entry is not [key, md5, size]'),
});

/** The index publish keeps beside the build report (in web/dist, never uploaded). */
export const OBJECT_INDEX = 'object-index.json';

export interface BuiltObjects {
  readonly objects: LocalObject[];
  /** Files read and hashed for this listing. */
  readonly hashed: number;
  /** How the listing was made: from the build report, or why every file was hashed. */
  readonly how: string;
}

async function readJson<T>(file: string, schema: z.ZodType<T>): Promise<T | string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return `no ${path.basename(file)}`;
  }
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : `${path.basename(file)} is not one this publish reads`;
  } catch {
    return `${path.basename(file)} is not JSON`;
  }
}

const exists = (file: string) =>
  readFile(file).then(
    () => true,
    () => false,
  );

/**
 * The objects after the build that wrote `report`, from the previous listing: the keys the report
 * names as changed are read and hashed, the ones it names as removed dropped, every other key
 * keeps the MD5 the previous listing found. Only when the previous listing was of this folder
 * after the very build this one changed (report.base); otherwise the reason it cannot be used.
 */
async function fromReport(
  dir: string,
  report: BuildReport | string,
  indexFile: string,
): Promise<{ objects: LocalObject[]; hashed: number } | string> {
  if (typeof report === 'string') return report;
  const index = await readJson(indexFile, objectIndexSchema);
  if (typeof index === 'string') return index;
  if (index.dir !== path.resolve(dir)) return `${OBJECT_INDEX} lists another folder (${index.dir})`;
  const objects = new Map(index.objects.map(([key, md5, size]) => [key, { key, md5, size }]));
  // Listed after this very build already (a publish again, with no build in between).
  if (index.build === report.id) return { objects: [...objects.values()], hashed: 0 };
  if (report.base === null || report.changed === null) return 'the last build was a full one';
  if (index.build !== report.base) return 'the last publish listed the output of another build than the one the last build changed';
  for (const key of report.removed) {
    if (await exists(path.join(dir, ...key.split('/')))) return `${key} is reported removed but is there`;
    objects.delete(key);
  }
  for (const key of report.changed) {
    let body: Buffer;
    try {
      body = await readFile(path.join(dir, ...key.split('/')));
    } catch {
      return `${key} is reported changed but is not there`;
    }
    objects.set(key, { key, md5: md5Of(body), size: body.length });
  }
  return { objects: [...objects.values()].sort((a, b) => (a.key < b.key ? -1 : 1)), hashed: report.changed.length };
}

/**
 * The built site's objects with their MD5, hashing only what the last build changed when it can:
 * with the build's report (`buildReport`, web/dist/build-report.json), the keys it names as
 * changed or removed since the build publish last listed, and every other key's MD5 from that
 * listing (kept as OBJECT_INDEX beside the report). Any doubt (no report or index, a full build,
 * another build in between, a report that does not match the folder) hashes every file, as
 * listLocalObjects does; the index is then written for the next publish. A build removes its
 * report when it starts and writes it when it ends, so a report on disk is of the folder's last
 * complete build.
 */
export async function listBuiltObjects(dir: string, buildReport?: string): Promise<BuiltObjects> {
  if (buildReport === undefined) {
    const objects = await listLocalObjects(dir);
    return { objects, hashed: objects.length, how: 'hashed every object (no build report given)' };
  }
  const indexFile = path.join(path.dirname(buildReport), OBJECT_INDEX);
  const report = await readJson(buildReport, buildReportSchema);
  const listed = await fromReport(dir, report, indexFile);
  let result: BuiltObjects;
  if (typeof listed === 'string') {
    const objects = await listLocalObjects(dir);
    result = { objects, hashed: objects.length, how: `hashed every object (${listed})` };
  } else {
    result = {
      ...listed,
      how: `hashed the ${listed.hashed} object(s) the build report names as changed since the last listing, took the rest from it`,
    };
  }
  if (typeof report === 'string') await rm(indexFile, { force: true });
  else {
    // Whole or not at all: written aside, then renamed over the old one.
    const index: z.infer<typeof objectIndexSchema> = {
      version: 1,
      dir: path.resolve(dir),
      build: report.id,
      objects: result.objects.map((o) => [o.key, o.md5, o.size]),
    };
    const aside = `${indexFile}.${randomUUID()}`;
    await writeFile(aside, JSON.stringify(index));
    await rename(aside, indexFile);
  }
  return result;
}
