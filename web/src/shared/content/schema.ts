import { z } from 'zod';

// The shape of one file in web/content/programs/. Validated at build time only:
// the browser bundle imports the inferred types, never zod itself.
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by single hyphens');

export const workoutSchema = z.strictObject({
  id: z.string().regex(/^w-[a-z0-9-]+$/, 'must start with "w-" and use lowercase letters, digits and hyphens'),
  title: z.string().min(1).max(120),
  durationSec: z.number().int().positive().max(6 * 3600),
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
  countries: z.array(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')).min(1).optional(),
  workouts: z.array(workoutSchema).min(1),
});

export type Workout = z.infer<typeof workoutSchema>;
export type Program = z.infer<typeof programSchema>;
