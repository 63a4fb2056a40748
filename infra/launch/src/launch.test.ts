import { createServer, type Server } from 'node:http';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeBuildRecord } from '@stride/web/build-record';
import type { LaunchPaths } from './paths';
import { relative } from './calendar';
import { runLaunch } from './run';

const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const NOW = new Date('2026-12-05T12:00:00Z');

let work: string;
let paths: LaunchPaths;
let content: string;

beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'stride-launch-'));
  content = path.join(work, 'programs');
  paths = {
    repoRoot,
    publicDir: path.join(work, 'public'),
    mediaDir: path.join(repoRoot, 'web', 'media'),
    redirects: path.join(work, 'redirects.json'),
    distDir: path.join(work, 'dist'),
  };
  await cp(path.join(repoRoot, 'web', 'content', 'programs'), content, { recursive: true });
  await cp(path.join(repoRoot, 'web', 'public', 'posters'), path.join(paths.publicDir, 'posters'), { recursive: true });
  await writeFile(paths.redirects, '{"redirects": []}\n');
});
afterEach(() => rm(work, { recursive: true, force: true }));

async function launch(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runLaunch(['--content', content, ...argv], paths, { out: (l) => out.push(l), err: (l) => err.push(l) }, NOW);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A port nothing listens on (taken, then freed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

describe('launch new', () => {
  it('writes a program file and poster that pass check, and explains every field', async () => {
    const made = await launch('new', 'winter-warmup', '--title', 'Winter Warm-Up');
    expect(made.code, made.err).toBe(0);
    const program = JSON.parse(await readFile(path.join(content, 'winter-warmup.json'), 'utf8')) as Record<string, unknown>;
    expect(program).toMatchObject({ slug: 'winter-warmup', title: 'Winter Warm-Up', launchAt: '2026-12-05T12:00:00Z' });
    await expect(readFile(path.join(paths.publicDir, 'posters', 'winter-warmup.svg'), 'utf8')).resolves.toMatch(/^<svg/);
    for (const field of ['slug', 'launchAt', 'countries', 'poster', 'workouts']) expect(made.out).toMatch(new RegExp(`^  ${field} `, 'm'));
    const checked = await launch('check');
    expect(checked.code, checked.err).toBe(0);
    expect(checked.out).toMatch(/content OK: 10 program/);
  });

  it('takes a launch time, and refuses a slug that exists, a bad slug or a time that is not one (exit 2)', async () => {
    expect((await launch('new', 'later-launch', '--launch-at', '2027-01-10T06:00:00Z')).code).toBe(0);
    expect(JSON.parse(await readFile(path.join(content, 'later-launch.json'), 'utf8'))).toMatchObject({ launchAt: '2027-01-10T06:00:00Z' });
    const exists = await launch('new', 'hiit-30');
    expect(exists).toMatchObject({ code: 2 });
    expect(exists.err).toMatch(/hiit-30\.json already exists/);
    const bad = await launch('new', 'Not A Slug');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/"Not A Slug" is not a program slug/);
    const time = await launch('new', 'x-program', '--launch-at', 'next tuesday');
    expect(time.code).toBe(2);
    expect(time.err).toMatch(/--launch-at "next tuesday" is not a time/);
  });
});

describe('launch check', () => {
  it('names every problem by file and field, all at once (exit 2)', async () => {
    await writeFile(path.join(content, 'broken.json'), '{ "slug": "broken", ');
    const yoga = JSON.parse(await readFile(path.join(content, 'morning-yoga.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(path.join(content, 'morning-yoga.json'), JSON.stringify({ ...yoga, level: 'expert', launchAt: 'soon' }));
    const hiit = JSON.parse(await readFile(path.join(content, 'hiit-30.json'), 'utf8')) as { poster: Record<string, unknown> };
    await writeFile(
      path.join(content, 'hiit-30.json'),
      JSON.stringify({ ...hiit, poster: { ...hiit.poster, src: '/posters/missing.svg' } }),
    );
    const result = await launch('check');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/broken\.json: not valid JSON/);
    expect(result.err).toMatch(/morning-yoga\.json: level: /);
    expect(result.err).toMatch(/morning-yoga\.json: launchAt: /);
    expect(result.err).toMatch(/hiit-30\.json: poster\.src: \/posters\/missing\.svg does not exist/);
    expect(result.err).toMatch(/content has 4 problem\(s\)/);
  });
});

describe('launch check with a build (redirects checked against its pages)', () => {
  it('names a redirect to a page the site does not build beside a program problem', async () => {
    paths = { ...paths, distDir: path.join(repoRoot, 'web', 'dist') };
    await writeFile(paths.redirects, JSON.stringify({ redirects: [{ from: '/go/yoga', to: '/programs/no-such-program' }] }));
    await writeFile(path.join(content, 'broken.json'), '[]');
    const result = await launch('check');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/redirects\.json: redirects\.0\.to: "\/programs\/no-such-program" is not a page the site builds/);
    expect(result.err).toMatch(/broken\.json: \(file\): /);
  });
});

describe('launch list', () => {
  it('shows scheduled and live programs with licences, and what changed since the last build', async () => {
    const programs = (await readdir(content)).map((f) => f.replace('.json', ''));
    expect(programs.length).toBeGreaterThan(3);
    const record = await Promise.all(
      (await readdir(content)).map(async (f) => JSON.parse(await readFile(path.join(content, f), 'utf8')) as Record<string, unknown>),
    );
    await mkdir(paths.distDir, { recursive: true });
    await writeBuildRecord(path.join(paths.distDir, 'build-record.json'), {
      codeFingerprint: 'x',
      asOf: '2026-12-01T00:00:00.000Z',
      catalog: record.filter((p) => p.slug !== 'hiit-30') as never,
    });
    const yoga = JSON.parse(await readFile(path.join(content, 'morning-yoga.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(path.join(content, 'morning-yoga.json'), JSON.stringify({ ...yoga, launchAt: '2027-01-01T06:00:00Z' }));

    // Without a stack to ask about releases: the calendar, then the unreachable target named (exit 2).
    const result = await launch('list', '--console', `http://127.0.0.1:${await closedPort()}`);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/cannot reach the local stack's console/);
    expect(result.out).toMatch(/Scheduled .*: 2\n.*2027-01-01 06:00 UTC in 27 days\s+morning-yoga\s+everywhere/);
    expect(result.out).toMatch(/hiit-30\s+everywhere\s+featured/);
    expect(result.out).toMatch(/run-club-5k\s+licensed in US, CA/);
    expect(result.out).toMatch(/\+ hiit-30 \(new\)/);
    expect(result.out).toMatch(/~ morning-yoga \(launchAt\)/);
  });

  it('refuses a broken content file (exit 2)', async () => {
    await writeFile(path.join(content, 'broken.json'), 'not json');
    const result = await launch('list');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/broken\.json: not valid JSON/);
  });
});

describe('launch preview, publish, rollback: bad input exits 2 and changes nothing', () => {
  let consoleServer: Server | undefined;
  afterEach(async () => {
    if (consoleServer) await new Promise((resolve) => consoleServer?.close(resolve));
    consoleServer = undefined;
  });

  it('names a slug that is not one, a preview time that is not a time, and a link life out of range', async () => {
    const slug = await launch('preview', 'No Such Program');
    expect(slug.code).toBe(2);
    expect(slug.err).toMatch(/"No Such Program" is not a program slug/);
    const life = await launch('preview', 'hiit-30', '--expires-in', '20000');
    expect(life.code).toBe(2);
    expect(life.err).toMatch(/--expires-in must be whole minutes from 1 to 10080/);
    const time = await launch('preview', 'hiit-30', '--as-of', '2026-13-45');
    expect(time.code).toBe(2);
    expect(time.err).toMatch(/--as-of "2026-13-45" is not a time/);
  });

  it('names an unreachable target and what to do', async () => {
    const port = await closedPort();
    for (const argv of [['publish'], ['rollback'], ['preview', 'hiit-30', '--as-of', '2027-01-01T06:00:00Z']]) {
      const result = await launch(...argv, '--console', `http://127.0.0.1:${port}`);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err).toMatch(new RegExp(`cannot reach the local stack's console at http://127.0.0.1:${port}.*npm start`));
    }
  });

  it('refuses a release id that is not one, and publishing broken content, before touching anything', async () => {
    const rollback = await launch('rollback', '--to', 'yesterday');
    expect(rollback.code).toBe(2);
    expect(rollback.err).toMatch(/--to "yesterday" is not a release id/);
    await writeFile(path.join(content, 'broken.json'), '{}');
    const before = await filesUnder(work);
    const publish = await launch('publish', '--console', 'http://127.0.0.1:1');
    expect(publish.code).toBe(2);
    expect(publish.err).toMatch(/broken\.json: slug: /);
    expect(await filesUnder(work)).toEqual(before);
  });

  it('names a console that does not say where releases live', async () => {
    consoleServer = createServer((_req, res) => res.setHeader('content-type', 'application/json').end('{}'));
    await new Promise<void>((resolve) => consoleServer?.listen(0, '127.0.0.1', resolve));
    const { port } = consoleServer.address() as { port: number };
    const result = await launch('rollback', '--console', `http://127.0.0.1:${port}`);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/does not say where its releases live/);
  });

  it('refuses unknown commands and flags, flags of another command, and a bad AWS config', async () => {
    expect((await launch('deploy')).err).toMatch(/unknown command "deploy"/);
    expect((await launch('list', '--verbose')).err).toMatch(/Unknown option '--verbose'/);
    expect((await launch('list', '--to', 'r-20261205-120000-abcd')).err).toMatch(/--to is an option of rollback, not of list/);
    expect((await launch('publish', '--target', 'aws')).err).toMatch(/--target aws needs --config FILE/);
    const config = path.join(work, 'aws.json');
    await writeFile(config, JSON.stringify({ siteUrl: 'not a url', siteBucket: 'B', distributionId: 'E123', region: 'mars' }));
    const aws = await launch('rollback', '--target', 'aws', '--config', config);
    expect(aws.code).toBe(2);
    for (const field of ['siteUrl', 'siteBucket', 'distributionId', 'region']) expect(aws.err).toMatch(new RegExp(`\\n  ${field}: `));
    for (const argv of [['deploy'], ['list', '--verbose'], []]) expect((await launch(...argv)).code).toBe(2);
  });
});

describe("the calendar's days in words (UTC calendar days, as it prints times)", () => {
  const now = Date.parse('2026-12-05T22:56:00Z');
  it('says today, tomorrow, in N days, and the same looking back', () => {
    expect(relative(Date.parse('2026-12-05T23:30:00Z'), now)).toBe('today');
    expect(relative(Date.parse('2026-12-06T06:00:00Z'), now)).toBe('tomorrow');
    expect(relative(Date.parse('2026-12-08T00:00:00Z'), now)).toBe('in 3 days');
    expect(relative(Date.parse('2026-12-05T06:00:00Z'), now)).toBe('launched today');
    expect(relative(Date.parse('2026-12-04T23:59:00Z'), now)).toBe('launched yesterday');
    expect(relative(Date.parse('2026-10-05T06:00:00Z'), now)).toBe('launched 61 days ago');
  });
});
