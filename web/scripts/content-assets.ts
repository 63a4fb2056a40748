import { access } from 'node:fs/promises';
import path from 'node:path';
import type { Program } from '../src/shared/content/schema';
import { ContentError } from './content';

export interface AssetDirs {
  /** Content folder, only to name the file a problem is in. */
  readonly contentDir: string;
  /** web/public: poster `src` paths are relative to it. */
  readonly publicDir: string;
  /** web/media: a `mediaId` names a folder with a master.m3u8 in it. */
  readonly mediaDir: string;
}

const exists = (file: string): Promise<boolean> =>
  access(file).then(
    () => true,
    () => false,
  );

/**
 * The schema checks the shape of a poster path and a media id; this checks that they point at
 * something, so a typo fails the build instead of showing a broken image or a failed play.
 */
export async function checkContentAssets(programs: readonly Program[], dirs: AssetDirs): Promise<void> {
  const problems = await missingContentAssets(programs, dirs);
  if (problems.length > 0) throw new ContentError(`Content has ${problems.length} missing asset(s):\n  ${problems.join('\n  ')}`);
}

/** Every poster and stream the programs point at that is not there, each naming the file and the field. */
export async function missingContentAssets(programs: readonly Program[], dirs: AssetDirs): Promise<string[]> {
  const problems: string[] = [];
  const mediaSeen = new Map<string, boolean>();
  for (const program of programs) {
    const file = path.join(dirs.contentDir, `${program.slug}.json`);
    if (!(await exists(path.join(dirs.publicDir, program.poster.src)))) {
      problems.push(`${file}: poster.src: ${program.poster.src} does not exist in ${dirs.publicDir}`);
    }
    for (const [index, workout] of program.workouts.entries()) {
      let found = mediaSeen.get(workout.mediaId);
      if (found === undefined) {
        found = await exists(path.join(dirs.mediaDir, workout.mediaId, 'master.m3u8'));
        mediaSeen.set(workout.mediaId, found);
      }
      if (!found)
        problems.push(
          `${file}: workouts.${index}.mediaId: "${workout.mediaId}" has no ${path.join(dirs.mediaDir, workout.mediaId, 'master.m3u8')}`,
        );
    }
  }
  return problems;
}
