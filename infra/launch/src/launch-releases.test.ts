import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_POINTER_KEY } from '@stride/contract/releases';
import { readBuildRecord, writeBuildRecord } from '@stride/web/build-record';
import { codeFingerprint } from '@stride/web/site-build';
import { startTestStack, type TestStack } from '../../local/src/testing/harness';
import type { LaunchPaths } from './paths';
import { runLaunch } from './run';

// publish → change the launch date → publish → rollback, through the CLI, against a running local
// stack: its S3 server holds the releases, its console's CloudFront API takes the invalidations.
// The web build starts from a copy of web/dist (npm run build first), inside the repo so its SSR
// bundle finds node_modules.

const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');
let t: TestStack;
let work: string;
let content: string;
let paths: LaunchPaths;

async function launch(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runLaunch(['--content', content, '--console', t.stack.consoleUrl, ...argv], paths, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const liveRelease = async () =>
  (
    JSON.parse(
      (await (
        await t.stack.s3.client().send(new GetObjectCommand({ Bucket: t.stack.s3.siteBucket, Key: LIVE_POINTER_KEY }))
      ).Body?.transformToString()) ?? '',
    ) as { release: string }
  ).release;

beforeAll(async () => {
  const built = path.join(repoRoot, 'web', 'dist');
  if (!existsSync(path.join(built, 'build-record.json'))) throw new Error('no web build to start from: run npm run build first');
  await mkdir(path.join(repoRoot, '.stride'), { recursive: true });
  work = await mkdtemp(path.join(repoRoot, '.stride', 'launch-test-'));
  content = path.join(work, 'programs');
  paths = {
    repoRoot,
    publicDir: path.join(work, 'public'),
    mediaDir: path.join(repoRoot, 'web', 'media'),
    redirects: path.join(repoRoot, 'web', 'content', 'redirects.json'),
    distDir: path.join(work, 'dist'),
  };
  await cp(built, paths.distDir, { recursive: true });
  await cp(path.join(repoRoot, 'web', 'public'), paths.publicDir, { recursive: true });
  // The copy counts as built from this checkout, so the publish builds incrementally (others may
  // be editing the code while this runs; the flow under test is the same).
  const record = await readBuildRecord(path.join(paths.distDir, 'build-record.json'));
  if (typeof record === 'string') throw new Error(record);
  await writeBuildRecord(path.join(paths.distDir, 'build-record.json'), { ...record, codeFingerprint: await codeFingerprint(repoRoot) });
  await mkdir(content);
  for (const program of record.catalog)
    await writeFile(path.join(content, `${program.slug}.json`), `${JSON.stringify(program, null, 2)}\n`);
  // The real viewer-request (npm run build's edge/dist), which reads the live release, with the
  // session keys its JWKS was baked from: previews are signed by this stack's console.
  t = await startTestStack({ edgeDistDir: path.join(repoRoot, 'edge', 'dist'), keysDir: path.join(repoRoot, '.stride', 'keys') });
}, 60_000);

afterAll(async () => {
  await t?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

let invalidatedSoFar = 0;

describe('launch publish, rollback and list against the local stack (real S3 server, console CloudFront API)', () => {
  let first = '';
  let second = '';

  it('new then publish: the program is in a live release', async () => {
    expect((await launch('new', 'winter-warmup', '--launch-at', '2026-01-01T06:00:00Z')).code).toBe(0);
    const published = await launch('publish');
    expect(published.err).toBe('');
    expect(published.code).toBe(0);
    expect(published.out).toMatch(/launch: checking content…/);
    expect(published.out).toMatch(/release (r-\S+) is live \(was none\)/);
    invalidatedSoFar += Number(/(\d+) path\(s\) invalidated/.exec(published.out)?.[1] ?? 'NaN');
    first = await liveRelease();
    expect(published.out).toContain(first);
    expect(published.out).toMatch(/\/programs\/winter-warmup$/m);
    const page = await t.stack.s3
      .client()
      .send(new GetObjectCommand({ Bucket: t.stack.s3.siteBucket, Key: `releases/${first}/programs/winter-warmup/index.html` }));
    expect(await page.Body?.transformToString()).toMatch(/Winter Warmup/);
    // The API reads the release's catalog as program files.
    const manifest = await t.stack.s3
      .client()
      .send(new GetObjectCommand({ Bucket: t.stack.s3.siteBucket, Key: `releases/${first}/release.json` }));
    const { catalog } = JSON.parse((await manifest.Body?.transformToString()) ?? '') as { catalog: { name: string; text: string }[] };
    expect(catalog.map((f) => f.name)).toContain('winter-warmup.json');
    expect(JSON.parse(catalog.find((f) => f.name === 'winter-warmup.json')?.text ?? '')).toMatchObject({ slug: 'winter-warmup' });
  }, 120_000);

  it('moving the launch date and publishing again uploads only what shows it and invalidates its paths', async () => {
    const file = path.join(content, 'winter-warmup.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('2026-01-01T06:00:00Z', '2099-01-01T06:00:00Z'));
    const published = await launch('publish');
    expect(published.code, published.err).toBe(0);
    invalidatedSoFar += Number(/(\d+) path\(s\) invalidated/.exec(published.out)?.[1] ?? 'NaN');
    second = await liveRelease();
    expect(second).not.toBe(first);
    expect(published.out).toMatch(new RegExp(`release ${second} is live \\(was ${first}\\)`));
    const [, uploaded, invalidated] = /(\d+) object\(s\) uploaded, \d+ unchanged, (\d+) path\(s\) invalidated/.exec(published.out) ?? [];
    expect(Number(uploaded)).toBeGreaterThan(0);
    expect(Number(uploaded)).toBeLessThan(30);
    expect(Number(invalidated)).toBeGreaterThan(0);
    const list = await launch('list');
    expect(list.code, list.err).toBe(0);
    expect(list.out).toMatch(/Scheduled [^\n]*: 2\n(.*\n)* {2}2099-01-01 06:00 UTC .*winter-warmup/);
    expect(list.out).toMatch(new RegExp(`${second}\\s+\\S+\\s+LIVE`));
    // Every path the two publishes invalidated, against CloudFront's free 1,000 a month.
    expect(list.out).toContain(`Invalidation paths this month: ${invalidatedSoFar} of the 1000 CloudFront does not charge for`);
    expect(list.out).toMatch(/Changed since the live release \(r-\S+\):\n {2}nothing/);
  }, 120_000);

  it('preview: a signed link shows the rescheduled program to its holder only, as of its launch', async () => {
    const page = (cookie?: string) =>
      fetch(`${t.stack.siteUrl}/programs/winter-warmup`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    const isComingSoon = async (response: Response) => /Launches <time/.test(await response.text());
    // The edge reads the live release within its refresh interval (@stride/contract/releases).
    await expect.poll(async () => isComingSoon(await page()), { timeout: 20_000 }).toBe(true);

    const made = await launch('preview', 'winter-warmup', '--expires-in', '30');
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/Preview of "Winter Warmup" as of 2099-01-01 06:00 UTC \(live then\)/);
    expect(made.out).toMatch(/works until .* \(30 min\)/);
    const link = /(http\S+\?preview=\S+)/.exec(made.out)?.[1] ?? '';
    expect(link).toMatch(new RegExp(`^${t.stack.siteUrl}/programs/winter-warmup\\?preview=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`));

    // Following the link sets the cookie and reloads the page without the token.
    const followed = await fetch(link, { redirect: 'manual' });
    expect(followed.status).toBe(302);
    expect(followed.headers.get('location')).toBe('/programs/winter-warmup');
    const cookie = (followed.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^stride_preview=/);
    const previewed = await page(cookie);
    expect(previewed.status).toBe(200);
    expect(await isComingSoon(previewed)).toBe(false);
    // Nobody else: the shared CDN cache still answers coming soon without the cookie.
    expect(await isComingSoon(await page())).toBe(true);

    // As of an instant before the launch, it is what everyone would see then.
    const early = await launch('preview', 'winter-warmup', '--as-of', '2098-12-31T06:00:00Z');
    expect(early.out).toMatch(/still coming soon then/);

    // A program the site does not have is named, with what to do, and nothing is signed.
    const unknown = await launch('preview', 'no-such-program');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/no program "no-such-program" in the live release r-\S+ .*publish it first/);
  }, 60_000);

  it('rollback puts the previous release back; a release that does not exist is named (exit 2)', async () => {
    const rolled = await launch('rollback');
    expect(rolled.code, rolled.err).toBe(0);
    expect(rolled.out).toMatch(new RegExp(`release ${first} is live again \\(was ${second}\\)`));
    expect(await liveRelease()).toBe(first);
    const missing = await launch('rollback', '--to', 'r-20990101-000000-abcd');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/r-20990101-000000-abcd/);
    expect(await liveRelease()).toBe(first);
  }, 60_000);
});
