import type { Profile } from './profile';
import { seededRandom } from '@stride/web/seeded-random';

/** One virtual viewer, decided when it arrives. */
export interface Viewer {
  readonly id: number;
  /** Signs in and plays (else browses and leaves). */
  readonly plays: boolean;
  readonly tv: boolean;
  readonly country: string;
  /** Whether the launched program is licensed in the viewer's country. */
  readonly licensed: boolean;
  /** Index of the seeded account a playing viewer signs in as. */
  readonly account: number;
}

/** The journeys, one per combination that changes which requests a viewer makes. */
export type JourneyKind = 'browse' | 'browse-unlicensed' | 'play' | 'play-unlicensed';

export const journeyKind = (v: Viewer): JourneyKind => `${v.plays ? 'play' : 'browse'}${v.licensed ? '' : '-unlicensed'}`;

/** Arrivals due in one tick of the schedule. */
export interface Tick {
  readonly atMs: number;
  readonly viewers: readonly Viewer[];
}

function pick(shares: Readonly<Record<string, number>>, r: number): string {
  const entries = Object.entries(shares);
  let acc = 0;
  for (const [name, share] of entries) {
    acc += share;
    if (r < acc) return name;
  }
  return entries[entries.length - 1]?.[0] ?? 'US';
}

/**
 * The open-model arrival schedule: in each tick, the viewers due by the integral of the target
 * rate (fractions carried over, so a rate of 0.5/s sends one viewer every 2 s), each with its
 * mix drawn from the profile's shares. Arrivals do not wait for earlier viewers to finish.
 */
export function arrivalSchedule(
  profile: Pick<Profile, 'phases' | 'mix' | 'accounts'>,
  rateAt: (t: number) => number,
  durationSec: number,
  isLicensed: (country: string) => boolean,
  tickMs = 250,
  seed = 1,
): Tick[] {
  const random = seededRandom(seed);
  const ticks: Tick[] = [];
  let due = 0;
  let id = 0;
  let playing = 0;
  const steps = Math.ceil((durationSec * 1000) / tickMs);
  for (let i = 0; i < steps; i += 1) {
    const t0 = (i * tickMs) / 1000;
    const t1 = Math.min(durationSec, ((i + 1) * tickMs) / 1000);
    // The midpoint rule: exact for a linear phase when ticks fall on phase boundaries (whole seconds do).
    due += rateAt((t0 + t1) / 2) * (t1 - t0);
    const count = Math.floor(due + 1e-6);
    due -= count;
    const viewers: Viewer[] = [];
    for (let k = 0; k < count; k += 1) {
      const plays = random() < profile.mix.signInShare;
      const tv = random() < profile.mix.tvShare;
      const country = pick(profile.mix.countries, random());
      viewers.push({ id: id++, plays, tv, country, licensed: isLicensed(country), account: plays ? playing++ % profile.accounts : -1 });
    }
    if (viewers.length > 0) ticks.push({ atMs: i * tickMs, viewers });
  }
  return ticks;
}
