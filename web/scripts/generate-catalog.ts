/**
 * Writes a large synthetic catalog (one JSON file per program, same format as web/content/programs)
 * for benchmarks:
 *
 *   node --import tsx web/scripts/generate-catalog.ts --programs 1000 --out /tmp/catalog-1k
 *     [--workouts 6] [--seed 1] [--force]
 *
 * --force first deletes the *.json files already in --out (and nothing else).
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateCatalog, type SyntheticOptions } from './synthetic-catalog';

export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = 'usage: generate-catalog --programs <1..100000> --out <folder> [--workouts <1..50>] [--seed <integer>] [--force]';

export interface GenerateArgs extends SyntheticOptions {
  readonly out: string;
  readonly force: boolean;
}

function integer(name: string, raw: string | undefined, fallback: number | undefined, min: number, max: number): number {
  if (raw === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required\n${USAGE}`);
    return fallback;
  }
  if (!/^-?\d+$/.test(raw.trim())) throw new UsageError(`--${name} must be a whole number, got "${raw}"\n${USAGE}`);
  const value = Number(raw);
  if (value < min || value > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${value}\n${USAGE}`);
  return value;
}

export function parseGenerateArgs(argv: readonly string[]): GenerateArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        programs: { type: 'string' },
        out: { type: 'string' },
        workouts: { type: 'string' },
        seed: { type: 'string' },
        force: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const out = values.out;
  if (typeof out !== 'string' || out.trim() === '')
    throw new UsageError(`--out is required (the folder to write the programs to)\n${USAGE}`);
  return {
    programs: integer('programs', values.programs as string | undefined, undefined, 1, 100_000),
    workoutsPerProgram: integer('workouts', values.workouts as string | undefined, 6, 1, 50),
    seed: integer('seed', values.seed as string | undefined, 1, -(2 ** 31), 2 ** 31 - 1),
    out: path.resolve(out),
    force: values.force === true,
  };
}

export async function writeCatalog(args: GenerateArgs): Promise<number> {
  await mkdir(args.out, { recursive: true });
  const existing = (await readdir(args.out)).filter((f) => f.endsWith('.json'));
  if (existing.length > 0) {
    if (!args.force) throw new UsageError(`${args.out} already has ${existing.length} program file(s); pass --force to replace them`);
    await Promise.all(existing.map((f) => rm(path.join(args.out, f))));
  }
  const programs = generateCatalog(args);
  for (const program of programs) await writeFile(path.join(args.out, `${program.slug}.json`), `${JSON.stringify(program, null, 2)}\n`);
  return programs.length;
}

async function main(): Promise<void> {
  const args = parseGenerateArgs(process.argv.slice(2));
  const started = performance.now();
  const count = await writeCatalog(args);
  console.log(
    `generate-catalog: ${count} programs × ${args.workoutsPerProgram} workouts → ${args.out} in ${Math.round(performance.now() - started)} ms`,
  );
}

// Run as a CLI only, not when a test imports the module.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    console.error(error instanceof UsageError ? `generate-catalog: ${error.message}` : error);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  });
}
