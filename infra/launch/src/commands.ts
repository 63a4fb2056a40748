import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readBuildRecord } from '@stride/web/build-record';
import { checkContent, type ContentCheck } from '@stride/web/content-check';
import type { Program } from '@stride/web/content/schema';
import { validatePrograms } from '@stride/web/content/validate-programs';
import { posterSvg } from '@stride/web/poster-svg';
import { LaunchError, type LaunchArgs } from './args';
import { launchCalendar, type CalendarEntry } from './calendar';
import { describeFields } from './field-guide';
import { describeChanges } from './program-changes';
import type { LaunchPaths } from './paths';

export interface Output {
  readonly out: (line: string) => void;
}

export function contentCheck(args: Pick<LaunchArgs, 'contentDir'>, paths: LaunchPaths): Promise<ContentCheck> {
  return checkContent({
    contentDir: args.contentDir,
    publicDir: paths.publicDir,
    mediaDir: paths.mediaDir,
    redirects: paths.redirects,
    serverDir: path.join(paths.distDir, 'server'),
  });
}

/** The content must pass before anything is built or published: every problem at once. */
export async function validContent(args: Pick<LaunchArgs, 'contentDir'>, paths: LaunchPaths): Promise<Program[]> {
  const result = await contentCheck(args, paths);
  if (result.problems.length > 0)
    throw new LaunchError(
      `content has ${result.problems.length} problem(s); fix them and run npm run launch -- check:\n  ${result.problems.join('\n  ')}`,
    );
  return result.programs;
}

const titleOf = (slug: string): string =>
  slug
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');

/** The next minute: a new program is live at its first publish unless its launchAt is moved later. */
const nextMinute = (now: Date): string => new Date(Math.ceil(now.getTime() / 60_000) * 60_000).toISOString().replace('.000Z', 'Z');

/** `new <slug>`: a program file that passes check, and its poster; prints what each field means. */
export async function newProgram(args: LaunchArgs, paths: LaunchPaths, io: Output, now = new Date()): Promise<void> {
  const slug = args.slug as string;
  const file = path.join(args.contentDir, `${slug}.json`);
  if (existsSync(file)) throw new LaunchError(`${file} already exists: edit it, or pick another slug`);
  const title = args.title ?? titleOf(slug);
  if (title.length < 1 || title.length > 120) throw new LaunchError(`--title must be 1 to 120 characters, got ${title.length}`);
  const posterSrc = `/posters/${slug}.svg`;
  const program: Program = {
    slug,
    title,
    tagline: `${title}: a new program on Stride.`,
    description: `Describe ${title} here: who it is for, what a week looks like, and what it builds.`,
    trainer: 'Stride Coach',
    level: 'beginner',
    equipment: [],
    featured: false,
    launchAt: args.launchAt?.replace('.000Z', 'Z') ?? nextMinute(now),
    poster: { src: posterSrc, width: 640, height: 360, alt: `${title} program poster` },
    workouts: [{ id: `w-${slug}-01`.slice(0, 82), title: 'Week 1, Day 1', durationSec: 1800, mediaId: 'sample-hiit' }],
  };
  const text = `${JSON.stringify(program, null, 2)}\n`;
  // The same rules check and the build apply, so what `new` writes always passes them.
  const { problems } = validatePrograms([{ name: `${slug}.json`, where: file, text }]);
  if (problems.length > 0) throw new LaunchError(`cannot scaffold "${slug}":\n  ${problems.join('\n  ')}`);
  await mkdir(args.contentDir, { recursive: true });
  await writeFile(file, text, { flag: 'wx' });
  const poster = path.join(paths.publicDir, posterSrc);
  const wrotePoster = !existsSync(poster);
  if (wrotePoster) {
    await mkdir(path.dirname(poster), { recursive: true });
    await writeFile(poster, posterSvg(program));
  }
  io.out(
    `wrote ${path.relative(process.cwd(), file)}${wrotePoster ? ` and a placeholder poster ${path.relative(process.cwd(), poster)}` : ''}`,
  );
  io.out(`\nWhat each field means (JSON has no comments, so here):\n${describeFields()}`);
  io.out(`\nNext: edit the file, then npm run launch -- check, then npm run launch -- publish.`);
}

/** `check`: every problem in the content, each naming the file and the field. */
export async function check(args: LaunchArgs, paths: LaunchPaths, io: Output): Promise<void> {
  const result = await contentCheck(args, paths);
  for (const note of result.notes) io.out(`note: ${note}`);
  if (result.problems.length > 0)
    throw new LaunchError(`content has ${result.problems.length} problem(s):\n  ${result.problems.join('\n  ')}`);
  io.out(`content OK: ${result.programs.length} program(s) in ${args.contentDir}, every poster and stream found`);
}

const when = (iso: string): string => iso.replace('T', ' ').replace(/:\d{2}(\.\d+)?Z$/, ' UTC');

/** `list`: the launch calendar from the program files, and what changed since the last build. */
export async function list(args: LaunchArgs, paths: LaunchPaths, io: Output, now = new Date()): Promise<Program[]> {
  const programs = await validContent(args, paths);
  const { scheduled, live } = launchCalendar(programs, now);
  const slugWidth = Math.max(4, ...programs.map((p) => p.slug.length));
  const row = (p: CalendarEntry) =>
    `  ${when(p.launchAt).padEnd(20)} ${p.inWords.padEnd(22)} ${p.slug.padEnd(slugWidth)}  ` +
    `${p.countries ? `licensed in ${p.countries.join(', ')}` : 'everywhere'}${p.featured ? '  featured' : ''}`;
  io.out(`Launch calendar as of ${when(now.toISOString())}: ${programs.length} program(s) in ${args.contentDir}`);
  io.out(`\nScheduled (viewers see "coming soon" until launch): ${scheduled.length}`);
  for (const p of scheduled) io.out(row(p));
  io.out(`\nLive: ${live.length}`);
  for (const p of live) io.out(row(p));

  const record = await readBuildRecord(path.join(paths.distDir, 'build-record.json'));
  io.out(
    `\nChanged since the last build${typeof record === 'string' ? ` (${record}: the next build is a full one)` : ` (${when(record.asOf)})`}:`,
  );
  if (typeof record !== 'string') for (const line of describeChanges(record.catalog, programs)) io.out(line);
  return programs;
}
