import type { Program } from '@stride/web/content/schema';
import { readProgramFiles } from '@stride/web/content';
import { validatePrograms } from '@stride/web/content/validate-programs';
import { readLiveRelease, type ReleaseBucket } from '../../publish/release';
import { describeChanges, programsOfRelease } from './program-changes';

/**
 * The launch calendar: one home for what `npm run launch -- list` prints and the local console
 * shows. A program is scheduled until its `launchAt` (viewers see "coming soon"), then live.
 */

export interface CalendarEntry {
  readonly slug: string;
  readonly title: string;
  readonly launchAt: string;
  /** The launch in UTC calendar days from now: "tomorrow", "in 3 days", "launched today"… */
  readonly inWords: string;
  /** Where it is licensed; null: everywhere. */
  readonly countries: readonly string[] | null;
  readonly featured: boolean;
}

export interface LaunchCalendar {
  readonly asOf: string;
  /** Soonest first. */
  readonly scheduled: readonly CalendarEntry[];
  /** Most recent first. */
  readonly live: readonly CalendarEntry[];
}

/** Calendar days (UTC, as the calendar prints times) from `nowMs` to `launchMs`, in words. */
export function relative(launchMs: number, nowMs: number): string {
  const utcDay = (ms: number) => Math.floor(ms / 86_400_000);
  const days = utcDay(launchMs) - utcDay(nowMs);
  if (launchMs > nowMs) return days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
  return days === 0 ? 'launched today' : days === -1 ? 'launched yesterday' : `launched ${-days} days ago`;
}

export function launchCalendar(programs: readonly Program[], now: Date): LaunchCalendar {
  const nowMs = now.getTime();
  const entry = (p: Program): CalendarEntry => ({
    slug: p.slug,
    title: p.title,
    launchAt: p.launchAt,
    inWords: relative(Date.parse(p.launchAt), nowMs),
    countries: p.countries ?? null,
    featured: p.featured,
  });
  const byLaunch = [...programs].sort((a, b) => a.launchAt.localeCompare(b.launchAt) || a.slug.localeCompare(b.slug));
  return {
    asOf: now.toISOString(),
    scheduled: byLaunch.filter((p) => Date.parse(p.launchAt) > nowMs).map(entry),
    live: byLaunch
      .filter((p) => Date.parse(p.launchAt) <= nowMs)
      .reverse()
      .map(entry),
  };
}

export interface SiteCalendar {
  /** What viewers are shown: the live release, or the program files before the first publish. */
  readonly source: string;
  readonly calendar: LaunchCalendar;
  /** The program files against the live release (`+ new`, `~ edited (fields)`, `- removed`); null before the first publish. */
  readonly changedSinceLive: readonly string[] | null;
  /** Program files that would not publish, by file and field. */
  readonly problems: readonly string[];
}

/** The calendar of the site as viewers see it, and what a publish of the program files would change. */
export async function siteCalendar(bucket: ReleaseBucket, contentDir: string, now: Date): Promise<SiteCalendar> {
  const [live, texts] = await Promise.all([readLiveRelease(bucket), readProgramFiles(contentDir)]);
  const files = validatePrograms(texts);
  if (!live)
    return {
      source: `the program files in ${contentDir} (nothing published yet)`,
      calendar: launchCalendar(files.programs, now),
      changedSinceLive: null,
      problems: files.problems,
    };
  const onSite = programsOfRelease(live);
  return {
    source: `release ${live.id}`,
    calendar: launchCalendar(onSite, now),
    changedSinceLive: describeChanges(onSite, files.programs).map((line) => line.trim()),
    problems: files.problems,
  };
}
