import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * What the site's code and templates are, as one hash: a change to any of these makes the next
 * build a full one (every page rendered again). Content is not among them: program files are
 * diffed program by program (what-shows-a-program.ts), and posters under web/public/posters are
 * content assets the build copies one by one.
 */
export function codeInputs(repoRoot: string): string[] {
  const web = path.join(repoRoot, 'web');
  return [
    path.join(repoRoot, 'contract', 'src'),
    path.join(web, 'src'),
    path.join(web, 'scripts'),
    path.join(web, 'public'),
    path.join(web, 'index.html'),
    path.join(repoRoot, 'edge', 'src', 'config'),
    path.join(repoRoot, 'vite.config.ts'),
    path.join(repoRoot, 'package-lock.json'),
  ];
}

const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', '.git', 'posters', 'bench']);
// Tests and benchmarks never reach the built site.
const skippedFile = (name: string): boolean => /\.test\.tsx?$/.test(name);

async function filesUnder(target: string): Promise<string[]> {
  const entries = await readdir(target, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOTDIR') return null;
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (entries === null) return [target];
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) files.push(...(await filesUnder(path.join(target, entry.name))));
    } else if (!skippedFile(entry.name)) files.push(path.join(target, entry.name));
  }
  return files;
}

/** sha256 over every code input's path (relative to the repo) and bytes, in a stable order. */
export async function codeFingerprint(repoRoot: string, inputs: readonly string[] = codeInputs(repoRoot)): Promise<string> {
  const files = (await Promise.all(inputs.map(filesUnder))).flat().sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(repoRoot, file).split(path.sep).join('/'));
    hash.update('\0');
    hash.update(await readFile(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}
