import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { programPath } from '@stride/contract/urls';
import type { Program } from '../src/shared/content/schema';
import { validatePrograms } from '../src/shared/content/validate-programs';
import { ContentError, sortCatalog } from './content';
import { missingContentAssets } from './content-assets';
import { loadEntryServer } from './prerender';
import { loadRedirects } from './redirects';

export interface ContentDirs {
  readonly contentDir: string;
  readonly publicDir: string;
  readonly mediaDir: string;
  readonly redirects: string;
  /** The SSR bundle: the pages a redirect may land on come from it (absent before the first build). */
  readonly serverDir: string;
}

export interface ContentCheck {
  /** The programs that passed the schema, in catalog order. */
  readonly programs: Program[];
  /** Every problem found, each naming the file and the field. */
  readonly problems: string[];
  /** What could not be checked, and why. */
  readonly notes: string[];
}

/**
 * Everything the build would refuse, found at once without building: each program file under the
 * schema and the catalog's rules (validate-programs), the posters and streams they point at, and
 * the redirect map against the pages the site builds.
 */
export async function checkContent(dirs: ContentDirs): Promise<ContentCheck> {
  let names: string[];
  try {
    names = (await readdir(dirs.contentDir)).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return { programs: [], problems: [`${dirs.contentDir}: no such folder of program files`], notes: [] };
  }
  if (names.length === 0) return { programs: [], problems: [`${dirs.contentDir}: no program files (*.json) found`], notes: [] };
  const files = await Promise.all(
    names.map(async (name) => ({
      name,
      where: path.join(dirs.contentDir, name),
      text: await readFile(path.join(dirs.contentDir, name), 'utf8'),
    })),
  );
  const { programs, problems } = validatePrograms(files);
  problems.push(...(await missingContentAssets(programs, dirs)));
  const notes: string[] = [];
  if (existsSync(path.join(dirs.serverDir, 'entry-server.js'))) {
    const entry = await loadEntryServer(dirs.serverDir);
    const routes = new Set(entry.pagesFor(programs).flatMap((p) => (p.role === 'page' ? [p.route] : [])));
    // A program file with problems is still meant to be a page: its redirects are not the problem.
    for (const name of names) routes.add(programPath(name.slice(0, -'.json'.length)));
    try {
      await loadRedirects(dirs.redirects, routes);
    } catch (error) {
      if (!(error instanceof ContentError)) throw error;
      const lines = error.message.split('\n');
      problems.push(...(lines.length > 1 ? lines.slice(1) : lines).map((line) => line.trim()));
    }
  } else notes.push(`${dirs.redirects}: not checked (no build yet to know the pages: npm run build)`);
  return { programs: sortCatalog(programs), problems, notes };
}
