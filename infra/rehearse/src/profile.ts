import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** Where the repository's profiles live (`--profile <name>` → `<name>.yaml` or `<name>.json`). */
export const PROFILES_DIR = path.resolve(import.meta.dirname, '..', 'profiles');

const share = (what: string) =>
  z
    .number({ error: `${what} must be a number from 0 to 1` })
    .min(0, `${what} must be 0 or more`)
    .max(1, `${what} must be at most 1`);
const positiveInt = (what: string, max: number) =>
  z
    .number({ error: `${what} must be a whole number` })
    .int(`${what} must be a whole number`)
    .min(1, `${what} must be 1 or more`)
    .max(max, `${what} must be at most ${max}`);

/** One arrival phase, as Artillery writes them: a constant rate, or a linear ramp to `rampTo`. */
const phase = z.strictObject({
  name: z.string({ error: 'name each phase' }).min(1, 'name each phase'),
  durationSec: positiveInt('durationSec', 3600),
  arrivalRate: z
    .number({ error: 'arrivalRate must be viewers per second' })
    .min(0, 'arrivalRate must be 0 or more')
    .max(1000, 'arrivalRate must be at most 1000 (a loopback stack)'),
  rampTo: z
    .number({ error: 'rampTo must be viewers per second' })
    .min(0, 'rampTo must be 0 or more')
    .max(1000, 'rampTo must be at most 1000')
    .optional(),
});

export const profileSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9-]+$/, 'name must be lowercase letters, digits and dashes'),
  description: z.string().default(''),
  /** The program being launched (a slug in web/content/programs). */
  program: z.string({ error: 'program must name the launched program’s slug' }).regex(/^[a-z0-9-]+$/, 'program must be a program slug'),
  phases: z.array(phase).min(1, 'give at least one phase'),
  mix: z.strictObject({
    /** Of arriving viewers, the share that signs in and plays; the rest browse and leave. */
    signInShare: share('mix.signInShare'),
    /** The share on a TV user agent (the edge serves them the TV pages). */
    tvShare: share('mix.tvShare'),
    /** Viewer countries by share (ISO 3166 alpha-2); shares must add up to 1. */
    countries: z
      .record(z.string().regex(/^[A-Z]{2}$/, 'country codes are two capital letters (US, GB)'), share('each country share'))
      .refine((c) => Object.keys(c).length > 0, 'give at least one country')
      .refine((c) => Math.abs(Object.values(c).reduce((a, b) => a + b, 0) - 1) < 1e-6, 'country shares must add up to 1'),
  }),
  journey: z.strictObject({
    segments: positiveInt('journey.segments', 20),
    progressSaves: positiveInt('journey.progressSaves', 20),
  }),
  /** Subscribed accounts seeded into both regions' tables up front (signed-in viewers share them round robin). */
  accounts: positiveInt('accounts', 5000),
  projection: z.strictObject({
    /** The production peak (viewers arriving per second) to project quotas and the bill to. */
    peakArrivalsPerSec: z
      .number()
      .positive('projection.peakArrivalsPerSec must be above 0')
      .max(1_000_000, 'projection.peakArrivalsPerSec must be at most 1000000'),
    /** How long a real view lasts (seconds of video), for the media bytes of a million views. */
    viewSec: positiveInt('projection.viewSec', 6 * 3600),
  }),
  thresholds: z.strictObject({
    /** Cache hit ratio over the cacheable kinds (pages, page data, assets, media). */
    staticHitRatioMin: share('thresholds.staticHitRatioMin'),
    errorsMax: z.number().int('thresholds.errorsMax must be a whole number').min(0, 'thresholds.errorsMax must be 0 or more'),
    p99MsMax: positiveInt('thresholds.p99MsMax', 600_000),
    /** Viewers that arrived over viewers the profile sent (an open model that could not keep up falls short). */
    achievedArrivalShareMin: share('thresholds.achievedArrivalShareMin'),
  }),
  limits: z.strictObject({
    maxViewers: positiveInt('limits.maxViewers', 100_000),
    /** How long to wait for viewers still in their journey after the last arrival. */
    drainSec: positiveInt('limits.drainSec', 600),
  }),
});

export type Profile = z.infer<typeof profileSchema>;

export class ProfileError extends Error {
  override name = 'ProfileError';
}

/** Parses and validates a profile's text; every problem named with its field. */
export function parseProfile(text: string, source: string): Profile {
  let data: unknown;
  try {
    data = source.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ProfileError(
      `${source}: not valid ${source.endsWith('.json') ? 'JSON' : 'YAML'} (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
    );
  }
  const parsed = profileSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'profile'}: ${i.message}`);
    throw new ProfileError(`${source}: ${problems.join('; ')}`);
  }
  const total = expectedViewers(parsed.data);
  if (total > parsed.data.limits.maxViewers)
    throw new ProfileError(
      `${source}: the phases send ${Math.round(total)} viewers, over limits.maxViewers (${parsed.data.limits.maxViewers})`,
    );
  return parsed.data;
}

/** `--profile <name>` (a file in profiles/) or a path to a .yaml/.yml/.json file. */
export function loadProfile(nameOrPath: string, dir = PROFILES_DIR): Profile {
  const candidates = /\.(ya?ml|json)$/.test(nameOrPath)
    ? [path.resolve(nameOrPath)]
    : ['yaml', 'yml', 'json'].map((ext) => path.join(dir, `${nameOrPath}.${ext}`));
  const file = candidates.find((f) => existsSync(f));
  if (!file)
    throw new ProfileError(
      `no profile "${nameOrPath}" (looked for ${candidates.join(', ')}); the repository has: ${listProfiles(dir).join(', ')}`,
    );
  return parseProfile(readFileSync(file, 'utf8'), file);
}

export function listProfiles(dir = PROFILES_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => f.replace(/\.(ya?ml|json)$/, ''))
    .sort();
}

/** Target arrival rate (viewers/s) at `t` seconds from the start; 0 after the last phase. */
export function targetRate(profile: Pick<Profile, 'phases'>, t: number): number {
  let start = 0;
  for (const p of profile.phases) {
    if (t < start + p.durationSec) {
      const to = p.rampTo ?? p.arrivalRate;
      return p.arrivalRate + ((to - p.arrivalRate) * (t - start)) / p.durationSec;
    }
    start += p.durationSec;
  }
  return 0;
}

export const totalDurationSec = (profile: Pick<Profile, 'phases'>): number => profile.phases.reduce((a, p) => a + p.durationSec, 0);

/** Viewers the phases send in all (the area under the rate). */
export const expectedViewers = (profile: Pick<Profile, 'phases'>): number =>
  profile.phases.reduce((a, p) => a + ((p.arrivalRate + (p.rampTo ?? p.arrivalRate)) / 2) * p.durationSec, 0);

/** Where each phase starts (seconds), for the chart's marks. */
export function phaseStarts(profile: Pick<Profile, 'phases'>): { name: string; t: number }[] {
  let t = 0;
  return profile.phases.map((p) => {
    const mark = { name: p.name, t };
    t += p.durationSec;
    return mark;
  });
}
