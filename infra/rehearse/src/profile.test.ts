import { describe, expect, it } from 'vitest';
import { parseRehearseArgs, UsageError } from './args';
import { expectedViewers, listProfiles, loadProfile, parseProfile, ProfileError, targetRate } from './profile';
import { arrivalSchedule, journeyKind } from './viewers';

const valid = `
name: t
program: hiit-30
phases:
  - { name: ramp, durationSec: 10, arrivalRate: 0, rampTo: 4 }
  - { name: hold, durationSec: 5, arrivalRate: 4 }
mix: { signInShare: 0.5, tvShare: 0.2, countries: { US: 0.8, BR: 0.2 } }
journey: { segments: 2, progressSaves: 1 }
accounts: 3
projection: { peakArrivalsPerSec: 100, viewSec: 600 }
thresholds: { staticHitRatioMin: 0.9, errorsMax: 0, p99MsMax: 1000, achievedArrivalShareMin: 0.9 }
limits: { maxViewers: 100, drainSec: 10 }
`;

describe('rehearsal profiles', () => {
  it('the repository ships launch-day and smoke, both valid', () => {
    expect(listProfiles()).toEqual(expect.arrayContaining(['launch-day', 'smoke']));
    expect(loadProfile('launch-day').phases.map((p) => p.name)).toHaveLength(4);
    expect(loadProfile('smoke').name).toBe('smoke');
  });

  it('names every bad field, and an unknown profile lists the known ones', () => {
    const bad = valid
      .replace('signInShare: 0.5', 'signInShare: 2')
      .replace('US: 0.8', 'US: 0.5')
      .replace('durationSec: 5,', 'durationSec: -1,');
    expect(() => parseProfile(bad, 'bad.yaml')).toThrow(
      /mix\.signInShare: mix\.signInShare must be at most 1.*country shares must add up to 1|phases\.1\.durationSec/,
    );
    expect(() => parseProfile(bad, 'bad.yaml')).toThrow(/phases\.1\.durationSec/);
    expect(() => parseProfile('name: [', 'x.yaml')).toThrow(ProfileError);
    expect(() => parseProfile(valid.replace('maxViewers: 100', 'maxViewers: 10'), 'x.yaml')).toThrow(/over limits\.maxViewers \(10\)/);
    expect(() => loadProfile('no-such-profile')).toThrow(/has: .*launch-day.*smoke/);
  });

  it('ramps and holds as Artillery phases do: the rate is linear within a phase, 0 after the last', () => {
    const p = parseProfile(valid, 't.yaml');
    expect(targetRate(p, 0)).toBe(0);
    expect(targetRate(p, 5)).toBe(2);
    expect(targetRate(p, 12)).toBe(4);
    expect(targetRate(p, 15)).toBe(0);
    expect(expectedViewers(p)).toBe(40);
  });

  it('schedules open-model arrivals: the integral of the rate, the mix drawn per viewer, the same every run', () => {
    const p = parseProfile(valid, 't.yaml');
    const schedule = () =>
      arrivalSchedule(
        p,
        (t) => targetRate(p, t),
        15,
        (c) => c === 'US',
      );
    const viewers = schedule().flatMap((t) => t.viewers);
    expect(viewers).toHaveLength(40);
    expect(schedule()).toEqual(schedule());
    // The ramp sends fewer in its first half than in its second.
    const firstHalf = schedule()
      .filter((t) => t.atMs < 5000)
      .flatMap((t) => t.viewers).length;
    expect(firstHalf).toBe(5);
    expect(new Set(viewers.map(journeyKind))).toEqual(new Set(['browse', 'browse-unlicensed', 'play', 'play-unlicensed']));
    expect(viewers.filter((v) => v.plays).every((v) => v.account >= 0 && v.account < 3)).toBe(true);
  });
});

describe('npm run rehearse arguments', () => {
  it('defaults to launch-day on the npm start stack, and refuses anything but loopback', () => {
    const args = parseRehearseArgs([], new Date('2026-12-05T10:00:00Z'), '/repo');
    expect(args).toMatchObject({ profile: 'launch-day', site: 'http://localhost:8080', console: 'http://localhost:8090', start: false });
    expect(args.outDir).toBe('/repo/.stride/rehearsals/2026-12-05T10-00-00-000Z-launch-day');
    expect(() => parseRehearseArgs(['--site', 'https://stride.example.com'])).toThrow(/not a loopback http URL/);
    expect(() => parseRehearseArgs(['--start', '--site', 'http://localhost:1'])).toThrow(UsageError);
    expect(() => parseRehearseArgs(['--nope'])).toThrow(UsageError);
  });
});
