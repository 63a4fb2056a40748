import { COUNTRY, SLUG, SLUG_RULE, WORKOUT_ID, WORKOUT_ID_RULE } from '@stride/contract/ids';
import { z } from 'zod';

// The shape of one file in web/content/programs/. Validated at build time only:
// the browser bundle imports the inferred types, never zod itself.
const slug = z.string().regex(SLUG, `must be ${SLUG_RULE}`);

export const workoutSchema = z.strictObject({
  id: z.string().regex(WORKOUT_ID, `must be ${WORKOUT_ID_RULE}`),
  title: z.string().min(1).max(120),
  durationSec: z
    .number()
    .int()
    .positive()
    .max(6 * 3600),
  /** The HLS stream under /media/<mediaId>/ (web/media/<mediaId>/master.m3u8 in the repo). */
  mediaId: slug,
});

/**
 * A program's poster under web/public/posters/. Width and height are the image's intrinsic size,
 * so the page reserves the box before the image loads (no layout shift).
 */
export const posterSchema = z.strictObject({
  src: z.string().regex(/^\/posters\/[a-z0-9]+(?:-[a-z0-9]+)*\.(?:svg|jpg|webp|png)$/, 'must be /posters/<name>.svg|jpg|webp|png'),
  width: z.number().int().positive().max(4096),
  height: z.number().int().positive().max(4096),
  alt: z.string().min(1).max(200),
});

export const programSchema = z.strictObject({
  slug,
  title: z.string().min(1).max(120),
  tagline: z.string().min(1).max(200),
  description: z.string().min(1).max(4000),
  trainer: z.string().min(1).max(120),
  level: z.enum(['beginner', 'intermediate', 'advanced']),
  equipment: z.array(z.string().min(1)).max(20),
  featured: z.boolean(),
  launchAt: z.iso.datetime({ offset: true }),
  poster: posterSchema,
  countries: z.array(z.string().regex(COUNTRY, 'must be an ISO 3166-1 alpha-2 code')).min(1).optional(),
  workouts: z.array(workoutSchema).min(1),
});

export type Workout = z.infer<typeof workoutSchema>;
export type Poster = z.infer<typeof posterSchema>;
export type Program = z.infer<typeof programSchema>;
