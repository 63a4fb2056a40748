import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { programSchema, type Program } from '../src/shared/content/schema';

export class ContentError extends Error {
  override name = 'ContentError';
}

/** `workouts.2.durationSec` — the zod issue path as a content author would look for it. */
const fieldPath = (issuePath: readonly PropertyKey[]): string => (issuePath.length > 0 ? issuePath.map(String).join('.') : '(file)');

/**
 * Reads and validates every program in `dir`. Fails with every problem found, each naming the
 * file and the field, so one build run shows an author all they have to fix.
 */
export async function loadPrograms(dir: string): Promise<Program[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new ContentError(`${dir}: no program files (*.json) found`);

  const problems: string[] = [];
  const programs: Program[] = [];
  for (const file of files) {
    const where = path.join(dir, file);
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(where, 'utf8'));
    } catch (error) {
      problems.push(`${where}: not valid JSON (${(error as Error).message})`);
      continue;
    }
    const parsed = programSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${where}: ${fieldPath(issue.path)}: ${issue.message}`);
      continue;
    }
    if (`${parsed.data.slug}.json` !== file) {
      problems.push(`${where}: slug: "${parsed.data.slug}" must match the file name "${file}"`);
      continue;
    }
    programs.push(parsed.data);
  }

  const seen = new Map<string, string>();
  for (const program of programs) {
    for (const workout of program.workouts) {
      const other = seen.get(workout.id);
      if (other) problems.push(`${path.join(dir, `${program.slug}.json`)}: workouts: id "${workout.id}" is also used by program "${other}"`);
      seen.set(workout.id, program.slug);
    }
  }

  if (problems.length > 0) throw new ContentError(`Content has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  // Featured first, then newest launch first: the order the home page lists programs in.
  return programs.sort((a, b) => Number(b.featured) - Number(a.featured) || b.launchAt.localeCompare(a.launchAt));
}
