import { readFile } from 'node:fs/promises';
import { FREE_INVALIDATION_PATHS_PER_MONTH, type CatalogFile } from '@stride/contract/releases';
import { programPath } from '@stride/contract/urls';
import type { Program } from '@stride/web/content/schema';
import { readProgramFiles } from '@stride/web/content';
import { buildSite, sitePaths } from '@stride/web/site-build';
import {
  invalidationPathsThisMonth,
  listReleases,
  publishRelease,
  readLiveRelease,
  ReleaseError,
  rollbackRelease,
} from '../../publish/release';
import { LaunchError, type LaunchArgs } from './args';
import { validContent, type Output } from './commands';
import { describeChanges, programsOfRelease } from './program-changes';
import type { LaunchPaths } from './paths';
import { releaseTargetOf, type ReleaseTarget } from './releases-client';
import { resolveTarget } from './target';

/** A release the command cannot act on (none live, no such release) or a bucket it cannot reach: exit 2, nothing changed. */
export async function onReleases<T>(target: ReleaseTarget, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ReleaseError) throw new LaunchError(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ECONNREFUSED' || (error as Error).name === 'TimeoutError')
      throw new LaunchError(
        `cannot reach the site bucket ${target.bucket} of ${target.where} (${(error as Error).message}): is it running?`,
      );
    throw error;
  }
}

/** The program files as a release carries them: name and text, sorted by name. */
async function catalogFiles(contentDir: string): Promise<CatalogFile[]> {
  return (await readProgramFiles(contentDir)).map(({ name, text }) => ({ name, text }));
}

/** `publish`: builds what changed since the last build and publishes it as a release. */
export async function publish(args: LaunchArgs, paths: LaunchPaths, io: Output, progress: (line: string) => void): Promise<void> {
  progress('checking content…');
  await validContent(args, paths);
  progress('reaching the target…');
  const target = releaseTargetOf(await resolveTarget(args));
  const live = await onReleases(target, () => readLiveRelease(target));
  progress(`live release: ${live?.id ?? 'none yet'}; building what changed…`);
  const site = sitePaths({
    distDir: paths.distDir,
    contentDir: args.contentDir,
    redirects: paths.redirects,
    publicDir: paths.publicDir,
    mediaDir: paths.mediaDir,
  });
  const build = await buildSite({ paths: site, log: progress });
  progress(
    build.mode === 'full'
      ? `built everything (${build.reason}): ${build.pages} pages in ${build.ms} ms`
      : `built ${build.rendered} page(s), ${build.changed?.length ?? 0} object(s) changed, in ${build.ms} ms`,
  );
  const routing: unknown = JSON.parse(await readFile(site.routeManifest, 'utf8'));
  progress(`publishing to ${target.where}…`);
  // The API serves a release's catalog as its program files (@stride/contract/releases CatalogFile).
  const catalog = await catalogFiles(args.contentDir);
  const result = await onReleases(target, () =>
    publishRelease(
      target,
      // The build's report: only what it changed is hashed (infra/publish/local-files.ts).
      { dir: site.clientDir, routing, catalog, buildReport: site.report },
      { log: progress, pollSeconds: target.pollSeconds },
    ),
  );
  if (!result.flippedAt) {
    io.out(`nothing changed since release ${result.release.id}: nothing published`);
    return;
  }
  io.out(
    `release ${result.release.id} is live (was ${result.previous ?? 'none'}): ${result.uploaded.length} object(s) uploaded, ` +
      `${result.unchanged} unchanged, ${result.invalidationPaths.length} path(s) invalidated`,
  );
  const changed = build.changes ? [...build.changes.added, ...build.changes.edited] : [];
  for (const slug of changed) io.out(`  ${target.siteUrl ?? ''}${programPath(slug)}`);
  io.out(`undo with: npm run launch -- rollback`);
}

/** `rollback [--to RELEASE]`: flips the live pointer back; no upload, no distribution change. */
export async function rollback(args: LaunchArgs, io: Output, progress: (line: string) => void): Promise<void> {
  const target = releaseTargetOf(await resolveTarget(args));
  const result = await onReleases(target, () => rollbackRelease(target, { ...(args.to ? { to: args.to } : {}), log: progress }));
  io.out(`release ${result.to} is live again (was ${result.from}); viewers see it within seconds`);
}

/** The part of `list` that needs the target: releases, and what changed since the live one. */
export async function listReleasesPart(args: LaunchArgs, programs: readonly Program[], io: Output): Promise<void> {
  const target = releaseTargetOf(await resolveTarget(args));
  const [live, releases, invalidated] = await onReleases(target, () =>
    Promise.all([readLiveRelease(target), listReleases(target), invalidationPathsThisMonth(target)]),
  );
  io.out(
    `\nInvalidation paths this month: ${invalidated} of the ${FREE_INVALIDATION_PATHS_PER_MONTH} CloudFront does not charge for` +
      (invalidated > FREE_INVALIDATION_PATHS_PER_MONTH ? ` (${invalidated - FREE_INVALIDATION_PATHS_PER_MONTH} billed)` : ''),
  );
  io.out(`\nReleases on ${target.where}: ${releases.length}`);
  for (const release of releases.slice(0, 5)) io.out(`  ${release.id}  ${release.createdAt}${release.live ? '  LIVE' : ''}`);
  if (releases.length > 5) io.out(`  … ${releases.length - 5} older`);
  if (!live) {
    io.out('\nChanged since the live release: no release yet (npm run launch -- publish makes the first)');
    return;
  }
  io.out(`\nChanged since the live release (${live.id}):`);
  for (const line of describeChanges(programsOfRelease(live), programs)) io.out(line);
}
