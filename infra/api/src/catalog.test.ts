import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hlsPathFor, loadCatalog } from './catalog';

const contentDir = path.resolve(import.meta.dirname, '../../../web/content/programs');
const shipped = (slug: string) =>
  JSON.parse(readFileSync(path.join(contentDir, `${slug}.json`), 'utf8')) as Record<string, unknown> & {
    workouts: Record<string, unknown>[];
  };

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'stride-catalog-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const write = (file: string, content: unknown) =>
  writeFileSync(path.join(dir, file), typeof content === 'string' ? content : JSON.stringify(content));

describe('loadCatalog', () => {
  it('knows every shipped workout with its title, length, program and poster', () => {
    const catalog = loadCatalog(contentDir);
    expect(catalog.workout('w-hiit30-01')).toEqual({
      id: 'w-hiit30-01',
      title: 'Tabata Foundations',
      durationSec: 1800,
      mediaId: 'sample-hiit',
      programSlug: 'hiit-30',
      programTitle: 'HIIT 30',
      poster: { src: '/posters/hiit-30.svg', width: 640, height: 360, alt: 'HIIT 30 program poster' },
      release: { launchAtMs: Date.parse('2026-01-05T06:00:00Z'), countries: undefined },
    });
    // A licensed program's workouts carry its licence, as the entitlement rule reads it.
    expect(catalog.workout('w-boxing-01')?.release.countries).toEqual(new Set(['US', 'GB', 'DE', 'FR', 'ES', 'IT', 'NL']));
    const workout = catalog.workout('w-hiit30-01');
    expect(workout && hlsPathFor(workout)).toBe('/media/sample-hiit/master.m3u8');
    expect(catalog.workout('w-nope')).toBeUndefined();
    // Not an inherited property by accident.
    expect(catalog.workout('constructor')).toBeUndefined();
  });

  it('fails with the web schema’s verdict, naming file and field', () => {
    const bad = shipped('hiit-30');
    (bad.workouts[2] as Record<string, unknown>).durationSec = -5;
    write('hiit-30.json', bad);
    expect(() => loadCatalog(dir)).toThrow(/hiit-30\.json: workouts\.2\.durationSec: /);
  });

  it('refuses what the old loose checks let through: missing titles, unknown fields, a bad poster', () => {
    const noTitle = shipped('hiit-30');
    delete (noTitle.workouts[0] as Record<string, unknown>).title;
    write('hiit-30.json', noTitle);
    write('morning-yoga.json', { ...shipped('morning-yoga'), extra: true });
    write('boxing-cardio.json', {
      ...shipped('boxing-cardio'),
      poster: { src: 'http://evil.example/x.svg', width: 1, height: 1, alt: 'x' },
    });
    let message = '';
    try {
      loadCatalog(dir);
    } catch (error) {
      message = (error as Error).message;
    }
    // Every problem in one message, so one failed deploy shows all there is to fix.
    expect(message).toMatch(/^catalog has 3 problem\(s\):/);
    expect(message).toMatch(/boxing-cardio\.json: poster\.src: must be \/posters\//);
    expect(message).toMatch(/hiit-30\.json: workouts\.0\.title: /);
    expect(message).toMatch(/morning-yoga\.json: \(file\): .*extra/);
  });

  it('names a file that is not JSON, or whose slug is not its name', () => {
    write('broken.json', '{ "slug": ');
    write('renamed.json', shipped('hiit-30'));
    expect(() => loadCatalog(dir)).toThrow(/broken\.json: not valid JSON/);
    expect(() => loadCatalog(dir)).toThrow(/renamed\.json: slug: "hiit-30" must match the file name "renamed\.json"/);
  });

  it('refuses a workout id used by two programs', () => {
    const hiit = shipped('hiit-30');
    const yoga = shipped('morning-yoga');
    (yoga.workouts[1] as Record<string, unknown>).id = 'w-hiit30-01';
    write('hiit-30.json', hiit);
    write('morning-yoga.json', yoga);
    expect(() => loadCatalog(dir)).toThrow(/morning-yoga\.json: workouts\.1\.id: "w-hiit30-01" is also used by program "hiit-30"/);
  });

  it('says so when the folder is missing or empty', () => {
    expect(() => loadCatalog(dir)).toThrow(/no program files/);
    expect(() => loadCatalog(path.join(dir, 'missing'))).toThrow(/missing: cannot be read/);
  });
});
