import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { programSchema, type Program } from '../src/shared/content/schema';

/**
 * What the last complete build was made from, written beside its output (dist/build-record.json):
 * the next build renders only what changed since (site-build.ts), or everything when the code did.
 */
export const buildRecordSchema = z.object({
  version: z.literal(1),
  /** The build's id (its SiteBuildReport's `id`); absent in a record of an older build. */
  build: z.string().optional(),
  /** code-fingerprint.ts over the code and templates the build ran. */
  codeFingerprint: z.string(),
  /** The instant the pages were rendered as of (ISO). */
  asOf: z.string(),
  /** The catalog built, in catalog order. */
  catalog: z.array(programSchema),
});

export type BuildRecord = z.infer<typeof buildRecordSchema>;

/** The record, or why there is none to build on (the build is then a full one). */
export async function readBuildRecord(file: string): Promise<BuildRecord | string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return 'no previous build record';
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return `${file} is not JSON`;
  }
  const parsed = buildRecordSchema.safeParse(raw);
  return parsed.success ? parsed.data : `${file} is not a build record this build reads`;
}

export async function writeBuildRecord(
  file: string,
  record: { build?: string; codeFingerprint: string; asOf: string; catalog: readonly Program[] },
) {
  await writeFile(file, JSON.stringify({ version: 1, ...record }));
}
