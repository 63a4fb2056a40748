import type { Program } from '../src/shared/content/schema';
import { sampleMediaIds } from './media/samples';
import { seededRandom } from './seeded-random';

/**
 * Large synthetic catalogs for benchmarks (prerender throughput on 1,000 and 10,000 pages).
 * Deterministic for a seed, valid under the content schema, and pointing only at posters and
 * streams the repo ships, so a generated catalog builds exactly like the real one.
 */

export interface SyntheticOptions {
  readonly programs: number;
  readonly workoutsPerProgram: number;
  readonly seed: number;
}

const SHIPPED_POSTERS = [
  'hiit-30',
  'morning-yoga',
  'strength-foundations',
  'pilates-core-sculpt',
  'run-club-5k',
  'kettlebell-power',
  'mobility-reset',
  'boxing-cardio',
  'indoor-cycling-endurance',
];
const STYLES = ['HIIT', 'Yoga', 'Strength', 'Pilates', 'Running', 'Kettlebell', 'Mobility', 'Boxing', 'Cycling', 'Barre', 'Core', 'Dance'];
const ADJECTIVES = ['Express', 'Foundations', 'Power', 'Flow', 'Burn', 'Reset', 'Endurance', 'Sculpt', 'Ignite', 'Balance'];
const TRAINERS = [
  'Maya Okafor',
  'Lena Brandt',
  'Dev Raman',
  'Sofia Marquez',
  'Jonah Mercer',
  'Aisha Bello',
  'Tomás Rivera',
  'Kenji Watanabe',
  'Priya Nair',
];
const MOVES = ['Intervals', 'Ladder', 'Circuit', 'Pyramid', 'Tempo', 'Drills', 'Complex', 'Finisher', 'Recovery', 'Test'];
const LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
const EQUIPMENT = ['mat', 'dumbbells', 'kettlebell', 'resistance band', 'bench', 'foam roller', 'indoor bike', 'treadmill'];
const COUNTRY_SETS = [
  ['US', 'CA'],
  ['US', 'GB', 'IE'],
  ['DE', 'AT', 'CH'],
  ['AU', 'NZ'],
];

export function generateCatalog(options: SyntheticOptions): Program[] {
  const random = seededRandom(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const width = String(options.programs).length;
  const programs: Program[] = [];
  for (let i = 1; i <= options.programs; i += 1) {
    const n = String(i).padStart(width, '0');
    const slug = `synthetic-${n}`;
    const style = pick(STYLES);
    const title = `${style} ${pick(ADJECTIVES)} ${n}`;
    const posterName = SHIPPED_POSTERS[i % SHIPPED_POSTERS.length] as string;
    // About 5% not launched yet (coming soon), about 10% licensed to a few countries only.
    const future = random() < 0.05;
    const launch = future
      ? Date.UTC(2027, Math.floor(random() * 12), 1 + Math.floor(random() * 28), 6)
      : Date.UTC(2026, Math.floor(random() * 11), 1 + Math.floor(random() * 28), 6);
    const countries = random() < 0.1 ? pick(COUNTRY_SETS) : undefined;
    programs.push({
      slug,
      title,
      tagline: `${style} for every week of the year, part ${n}.`,
      description: `A synthetic ${style.toLowerCase()} program generated for benchmarks: ${options.workoutsPerProgram} workouts with realistic titles and durations.`,
      trainer: pick(TRAINERS),
      level: pick(LEVELS),
      equipment: random() < 0.3 ? [] : [pick(EQUIPMENT)],
      featured: i === 1,
      launchAt: new Date(launch).toISOString().replace('.000Z', 'Z'),
      poster: { src: `/posters/${posterName}.svg`, width: 640, height: 360, alt: `${title} program poster` },
      ...(countries ? { countries: [...countries] } : {}),
      workouts: Array.from({ length: options.workoutsPerProgram }, (_, w) => ({
        id: `w-syn${n}-${String(w + 1).padStart(2, '0')}`,
        title: `${pick(MOVES)} ${w + 1}`,
        durationSec: 60 * (10 + Math.floor(random() * 50)),
        mediaId: pick(sampleMediaIds),
      })),
    });
  }
  return programs;
}
