import path from 'node:path';

/** Where the launch commands read and write; tests point every one at a temp folder. */
export interface LaunchPaths {
  readonly repoRoot: string;
  /** web/public: posters live under posters/. */
  readonly publicDir: string;
  /** web/media: the streams a workout's mediaId names. */
  readonly mediaDir: string;
  readonly redirects: string;
  /** The web build's output (web/dist): its build record says what the last build was made from. */
  readonly distDir: string;
}

export function launchPaths(repoRoot: string): LaunchPaths {
  const web = path.join(repoRoot, 'web');
  return {
    repoRoot,
    publicDir: path.join(web, 'public'),
    mediaDir: path.join(web, 'media'),
    redirects: path.join(web, 'content', 'redirects.json'),
    distDir: path.join(web, 'dist'),
  };
}
