import { programSchema, type Program } from './schema';

/** One program file as read from disk: its name in the folder, where to point an author, its text. */
export interface ProgramFile {
  readonly name: string;
  readonly where: string;
  readonly text: string;
}

export interface ValidatedPrograms {
  /** The programs that passed, in file order. */
  readonly programs: Program[];
  /** Every problem found, each naming the file and the field. Empty when all passed. */
  readonly problems: string[];
}

/** `workouts.2.durationSec`: the zod issue path as a content author would look for it. */
const fieldPath = (issuePath: readonly PropertyKey[]): string => (issuePath.length > 0 ? issuePath.map(String).join('.') : '(file)');

/**
 * The catalog's rules, for the web build and the API alike (each reads the files its own way):
 * each file is a program under the zod schema, its slug is its file name, and no two workouts
 * share an id. Collects every problem instead of stopping at the first.
 */
export function validatePrograms(files: readonly ProgramFile[]): ValidatedPrograms {
  const problems: string[] = [];
  const programs: Program[] = [];
  const workoutOwner = new Map<string, string>();
  for (const file of files) {
    let raw: unknown;
    try {
      raw = JSON.parse(file.text);
    } catch (error) {
      problems.push(`${file.where}: not valid JSON (${(error as Error).message})`);
      continue;
    }
    const parsed = programSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${file.where}: ${fieldPath(issue.path)}: ${issue.message}`);
      continue;
    }
    const program = parsed.data;
    if (`${program.slug}.json` !== file.name) {
      problems.push(`${file.where}: slug: "${program.slug}" must match the file name "${file.name}"`);
      continue;
    }
    for (const [index, workout] of program.workouts.entries()) {
      const other = workoutOwner.get(workout.id);
      if (other !== undefined) problems.push(`${file.where}: workouts.${index}.id: "${workout.id}" is also used by program "${other}"`);
      else workoutOwner.set(workout.id, program.slug);
    }
    programs.push(program);
  }
  return { programs, problems };
}
