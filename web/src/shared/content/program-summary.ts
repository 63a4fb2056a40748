import type { Poster, Program } from './schema';

/** What a list of programs needs: everything but the workout list. */
export interface ProgramSummary {
  readonly slug: string;
  readonly title: string;
  readonly tagline: string;
  readonly trainer: string;
  readonly level: Program['level'];
  readonly featured: boolean;
  readonly launchAt: string;
  readonly workoutCount: number;
  readonly totalDurationSec: number;
  /** Sized, so a list or page reserves the image's box before it loads. */
  readonly poster: Poster;
}

export function summarize(program: Program): ProgramSummary {
  return {
    slug: program.slug,
    title: program.title,
    tagline: program.tagline,
    trainer: program.trainer,
    level: program.level,
    featured: program.featured,
    launchAt: program.launchAt,
    workoutCount: program.workouts.length,
    totalDurationSec: program.workouts.reduce((sum, w) => sum + w.durationSec, 0),
    poster: program.poster,
  };
}
