import type { Program } from '../../shared/content/schema';

/** A valid program for the catalog's tests: two workouts (600 + 900 s), launched at the start of 2026. */
export function testProgram(slug: string, overrides: Partial<Program> = {}): Program {
  return {
    slug,
    title: slug.toUpperCase(),
    tagline: 't',
    description: 'd',
    trainer: 'Coach',
    level: 'beginner',
    equipment: [],
    featured: false,
    launchAt: '2026-01-01T00:00:00Z',
    poster: { src: `/posters/${slug}.svg`, width: 640, height: 360, alt: slug },
    workouts: [
      { id: `w-${slug}-1`, title: 'One', durationSec: 600, mediaId: 'sample-hiit' },
      { id: `w-${slug}-2`, title: 'Two', durationSec: 900, mediaId: 'sample-hiit' },
    ],
    ...overrides,
  };
}
