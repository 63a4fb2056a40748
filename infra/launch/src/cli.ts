import path from 'node:path';
import { launchPaths } from './paths';
import { runLaunch } from './run';

// `npm run launch -- <command>`: marketing's launches (see README "Launch a program").
const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');
process.exitCode = await runLaunch(process.argv.slice(2), launchPaths(repoRoot), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
