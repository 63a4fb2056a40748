import { LaunchError, parseLaunchArgs, USAGE } from './args';
import { check, list, newProgram } from './commands';
import type { LaunchPaths } from './paths';
import { listReleasesPart, publish, rollback } from './release-commands';
import { preview } from './preview-command';

export interface LaunchIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/**
 * `npm run launch -- <command>`: returns the exit status. 0 done; 2 bad input (a broken content
 * file, an unknown slug or flag, a time that is not one, an unreachable target, a release that
 * does not exist), named with what to do, the live release untouched; 1 an unexpected failure.
 */
export async function runLaunch(argv: readonly string[], paths: LaunchPaths, io: LaunchIo, now = new Date()): Promise<number> {
  try {
    const args = parseLaunchArgs(argv, paths.repoRoot);
    if (args === 'help') {
      io.out(USAGE);
      return 0;
    }
    const progress = (line: string) => io.out(`launch: ${line}`);
    switch (args.command) {
      case 'new':
        await newProgram(args, paths, io, now);
        break;
      case 'check':
        await check(args, paths, io);
        break;
      case 'list':
        await listReleasesPart(args, await list(args, paths, io, now), io);
        break;
      case 'preview':
        await preview(args, paths, io, now);
        break;
      case 'publish':
        await publish(args, paths, io, progress);
        break;
      case 'rollback':
        await rollback(args, io, progress);
        break;
    }
    return 0;
  } catch (error) {
    if (error instanceof LaunchError) {
      io.err(`launch: ${error.message}`);
      return 2;
    }
    io.err(`launch: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}
