import path from 'node:path';

const edgeDir = path.resolve(import.meta.dirname, '..');

export const edgePaths = {
  edgeDir,
  repoRoot: path.resolve(edgeDir, '..'),
  distDir: path.join(edgeDir, 'dist'),
  buildStamp: path.join(edgeDir, 'dist', '.build-stamp'),
  routeManifest: path.resolve(edgeDir, '..', 'web', 'dist', 'route-manifest.json'),
  /** The bundle of one function, as Lambda@Edge loads it (handler: index.handler). */
  bundle: (fn: string): string => path.join(edgeDir, 'dist', fn, 'index.js'),
} as const;
