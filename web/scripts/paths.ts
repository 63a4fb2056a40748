import path from 'node:path';

const webDir = path.resolve(import.meta.dirname, '..');

/** Where the web build reads and writes; one place so scripts and tests agree. */
export const webPaths = {
  webDir,
  repoRoot: path.resolve(webDir, '..'),
  contentDir: path.join(webDir, 'content', 'programs'),
  /** Marketing vanity paths (`/go/<name>`), baked into the edge's route manifest. */
  redirects: path.join(webDir, 'content', 'redirects.json'),
  distDir: path.join(webDir, 'dist'),
  /** The site bucket's contents: what is uploaded to S3 (or the local bucket folder). */
  clientDir: path.join(webDir, 'dist', 'client'),
  serverDir: path.join(webDir, 'dist', 'server'),
  template: path.join(webDir, 'dist', 'server', 'template.html'),
  routeManifest: path.join(webDir, 'dist', 'route-manifest.json'),
  buildStamp: path.join(webDir, 'dist', '.build-stamp'),
} as const;
