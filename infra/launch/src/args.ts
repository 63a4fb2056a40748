import path from 'node:path';
import { parseArgs } from 'node:util';
import { isReleaseId } from '@stride/contract/releases';
import { isSlug, SLUG_RULE } from '@stride/contract/ids';

/** Bad input: the CLI prints the message and exits 2, having changed nothing. */
export class LaunchError extends Error {
  override name = 'LaunchError';
}

export const COMMANDS = ['new', 'check', 'list', 'preview', 'publish', 'rollback'] as const;
export type CommandName = (typeof COMMANDS)[number];

export const USAGE = `Usage: npm run launch -- <command> [options]

Commands:
  new <slug> [--title T] [--launch-at TIME]   write a program file (and its poster) that passes check
  check                                        validate every program file and what it points at
  list                                         the launch calendar: live, scheduled, licences, changes
  preview <slug> [--as-of TIME] [--expires-in MIN]   a signed link that shows the program as of TIME
  publish                                      build what changed and make it live as a release
  rollback [--to RELEASE]                      put the previous (or the named) release back

Options for every command:
  --console URL        the local stack's console (default http://localhost:8090, what npm start runs)
  --target aws --config FILE   act on AWS (FILE: siteUrl, siteBucket, distributionId, region)
  --content DIR        the program files (default web/content/programs)
  --help               this text`;

export interface LaunchArgs {
  readonly command: CommandName;
  readonly slug: string | null;
  readonly title: string | null;
  readonly launchAt: string | null;
  readonly asOf: string | null;
  readonly expiresInMin: number;
  readonly to: string | null;
  readonly console: string;
  readonly target: 'local' | 'aws';
  readonly config: string | null;
  readonly contentDir: string;
}

/** An ISO 8601 instant with a date, a time and an offset (what a program's launchAt takes). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseInstant(flag: string, raw: string): string {
  if (!INSTANT.test(raw) || Number.isNaN(Date.parse(raw)))
    throw new LaunchError(`--${flag} "${raw}" is not a time: give an ISO 8601 instant such as 2026-12-24T06:00:00Z`);
  return new Date(raw).toISOString();
}

function httpUrl(flag: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new LaunchError(`--${flag} "${raw}" is not a URL: give one such as http://localhost:8090`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new LaunchError(`--${flag} "${raw}" must be an http(s) URL`);
  return raw.replace(/\/+$/, '');
}

const ONLY_FOR: Record<string, readonly CommandName[]> = {
  title: ['new'],
  'launch-at': ['new'],
  'as-of': ['preview'],
  'expires-in': ['preview'],
  to: ['rollback'],
};

/** Parses the command line; anything unknown or malformed is a LaunchError naming it. */
export function parseLaunchArgs(argv: readonly string[], repoRoot: string): LaunchArgs | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        title: { type: 'string' },
        'launch-at': { type: 'string' },
        'as-of': { type: 'string' },
        'expires-in': { type: 'string' },
        to: { type: 'string' },
        console: { type: 'string' },
        target: { type: 'string' },
        config: { type: 'string' },
        content: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new LaunchError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const [command, ...rest] = positionals;
  if (command === undefined) throw new LaunchError(`no command given\n\n${USAGE}`);
  if (!(COMMANDS as readonly string[]).includes(command))
    throw new LaunchError(`unknown command "${command}": use one of ${COMMANDS.join(', ')}\n\n${USAGE}`);
  const name = command as CommandName;
  for (const [flag, commands] of Object.entries(ONLY_FOR)) {
    if ((values as Record<string, unknown>)[flag] !== undefined && !commands.includes(name))
      throw new LaunchError(`--${flag} is an option of ${commands.join(', ')}, not of ${name}`);
  }

  const takesSlug = name === 'new' || name === 'preview';
  if (takesSlug && rest.length !== 1) throw new LaunchError(`${name} takes one program slug: npm run launch -- ${name} <slug>`);
  if (!takesSlug && rest.length > 0) throw new LaunchError(`${name} takes no arguments, got "${rest.join(' ')}"`);
  const slug = takesSlug ? (rest[0] as string) : null;
  if (slug !== null && !isSlug(slug)) throw new LaunchError(`"${slug}" is not a program slug: it must be ${SLUG_RULE}`);

  const target = values.target ?? 'local';
  if (target !== 'local' && target !== 'aws') throw new LaunchError(`--target must be local or aws, got "${target}"`);
  if (target === 'aws' && values.config === undefined)
    throw new LaunchError('--target aws needs --config FILE (siteUrl, siteBucket, distributionId, region)');
  if (target === 'local' && values.config !== undefined) throw new LaunchError('--config goes with --target aws');
  if (target === 'aws' && values.console !== undefined) throw new LaunchError('--console is the local stack: drop it with --target aws');

  const expires = values['expires-in'] ?? '60';
  if (!/^\d+$/.test(expires) || Number(expires) < 1 || Number(expires) > 7 * 24 * 60)
    throw new LaunchError(`--expires-in must be whole minutes from 1 to ${7 * 24 * 60}, got "${expires}"`);
  if (values.to !== undefined && !isReleaseId(values.to))
    throw new LaunchError(`--to "${values.to}" is not a release id (r-YYYYMMDD-HHMMSS-xxxx): see npm run launch -- list`);

  return {
    command: name,
    slug,
    title: values.title ?? null,
    launchAt: values['launch-at'] === undefined ? null : parseInstant('launch-at', values['launch-at']),
    asOf: values['as-of'] === undefined ? null : parseInstant('as-of', values['as-of']),
    expiresInMin: Number(expires),
    to: values.to ?? null,
    console: httpUrl('console', values.console ?? process.env.STRIDE_CONSOLE_URL ?? 'http://localhost:8090'),
    target,
    config: values.config === undefined ? null : path.resolve(values.config),
    contentDir: path.resolve(values.content ?? path.join(repoRoot, 'web', 'content', 'programs')),
  };
}
