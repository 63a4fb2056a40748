import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');

/** The build outputs the local stack serves, named once. */
export const localPaths = {
  repoRoot,
  /** The local "site bucket": the web build's client output, as `publish` would upload it. */
  siteBucket: path.join(repoRoot, 'web', 'dist', 'client'),
  edgeBundle: (fn: string): string => path.join(repoRoot, 'edge', 'dist', fn, 'index.js'),
} as const;
