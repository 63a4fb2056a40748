/**
 * Writes web/public/posters/<name>.svg for every program whose poster is an SVG, at the size its
 * content file declares. Posters are committed; rerun after adding or renaming a program:
 *
 *   node --import tsx web/scripts/make-posters.ts
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ContentError, loadPrograms } from './content';
import { webPaths } from './paths';
import { posterSvg } from './poster-svg';

async function main(): Promise<void> {
  const programs = await loadPrograms(webPaths.contentDir);
  const publicDir = path.join(webPaths.webDir, 'public');
  let written = 0;
  for (const program of programs) {
    if (!program.poster.src.endsWith('.svg')) continue;
    const file = path.join(publicDir, program.poster.src);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, posterSvg(program));
    written += 1;
  }
  console.log(`posters: ${written} SVG posters in ${path.relative(process.cwd(), path.join(publicDir, 'posters'))}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ContentError || error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
