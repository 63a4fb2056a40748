import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Program } from '../src/shared/content/schema';
import { validatePrograms } from '../src/shared/content/validate-programs';

export class ContentError extends Error {
  override name = 'ContentError';
}

/** Every program file (`*.json`) in `dir`, by name, unvalidated: what the validation and a release read. */
export async function readProgramFiles(dir: string): Promise<{ name: string; where: string; text: string }[]> {
  const names = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(
    names.map(async (name) => ({ name, where: path.join(dir, name), text: await readFile(path.join(dir, name), 'utf8') })),
  );
}

/**
 * Reads and validates every program in `dir`. Fails with every problem found, each naming the
 * file and the field, so one build run shows an author all they have to fix.
 */
export async function loadPrograms(dir: string): Promise<Program[]> {
  const files = await readProgramFiles(dir);
  if (files.length === 0) throw new ContentError(`${dir}: no program files (*.json) found`);
  const { programs, problems } = validatePrograms(files);
  if (problems.length > 0) throw new ContentError(`Content has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  return sortCatalog(programs);
}

/** Featured first, then newest launch first: the order the home page lists programs in (sorts in place). */
export const sortCatalog = (programs: Program[]): Program[] =>
  programs.sort((a, b) => Number(b.featured) - Number(a.featured) || b.launchAt.localeCompare(a.launchAt));
