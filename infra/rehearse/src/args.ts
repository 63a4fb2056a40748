import path from 'node:path';
import { parseArgs } from 'node:util';

export interface RehearseArgs {
  readonly profile: string;
  readonly site: string;
  readonly console: string;
  readonly outDir: string;
  /** A stack of the rehearsal's own on free ports (needs `npm run build`). */
  readonly start: boolean;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `Usage: npm run rehearse -- [--profile <name>] [--site URL] [--console URL] [--out DIR] [--start]

  --profile <name>  a profile in infra/rehearse/profiles (launch-day, smoke) or a .yaml/.json file; default launch-day
  --site URL        the site (local CloudFront); default http://localhost:8080
  --console URL     the local console; default http://localhost:8090
  --out DIR         where report.json and report.html go; default .stride/rehearsals/<time>-<profile>
  --start           start a local stack of its own on free ports (needs \`npm run build\`)

Exit status: 0 the profile's thresholds held, 1 they did not, 2 bad input or no stack to rehearse on.`;

const loopbackUrl = (name: string, value: string): string => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--${name}: "${value}" is not a URL (e.g. http://localhost:8080)`);
  }
  if (url.protocol !== 'http:' || !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname))
    throw new UsageError(`--${name}: ${value} is not a loopback http URL; a rehearsal only loads the local stack`);
  return url.origin;
};

export function parseRehearseArgs(argv: readonly string[], now = new Date(), cwd = process.cwd()): RehearseArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        profile: { type: 'string' },
        site: { type: 'string' },
        console: { type: 'string' },
        out: { type: 'string' },
        start: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) throw new UsageError('');
  const profile = typeof values.profile === 'string' ? values.profile : 'launch-day';
  if (values.start && (values.site !== undefined || values.console !== undefined))
    throw new UsageError('--start runs a stack of its own: leave out --site and --console');
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return {
    profile,
    site: loopbackUrl('site', typeof values.site === 'string' ? values.site : 'http://localhost:8080'),
    console: loopbackUrl('console', typeof values.console === 'string' ? values.console : 'http://localhost:8090'),
    outDir: path.resolve(
      cwd,
      typeof values.out === 'string'
        ? values.out
        : path.join('.stride', 'rehearsals', `${stamp}-${path.basename(profile).replace(/\.(ya?ml|json)$/, '')}`),
    ),
    start: values.start === true,
  };
}
