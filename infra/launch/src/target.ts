import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { LaunchError, type LaunchArgs } from './args';

/** A deployed Stride: what `--target aws --config FILE` names. */
export const awsLaunchConfigSchema = z.strictObject({
  siteUrl: z.url({ error: 'must be the site URL, e.g. https://stride.example.com' }),
  /** StrideSite's SiteBucketName output. */
  siteBucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (StrideSite output SiteBucketName)'),
  /** StrideSite's DistributionId output. */
  distributionId: z.string().regex(/^[A-Z0-9]{10,20}$/, 'must be a CloudFront distribution id (StrideSite output DistributionId)'),
  region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region such as us-east-1'),
});
export type AwsLaunchConfig = z.infer<typeof awsLaunchConfigSchema>;

/** Where the local stack keeps its releases (the console's GET /api/state names them). */
const localReleasesSchema = z.object({
  s3Endpoint: z.url(),
  bucket: z.string().min(1),
  replicaBuckets: z.array(z.string().min(1)),
  distributionId: z.string().min(1),
});
export type LocalReleases = z.infer<typeof localReleasesSchema>;

export type LaunchTarget =
  | { readonly kind: 'local'; readonly console: string; readonly siteUrl: string | null; readonly releases: LocalReleases }
  | { readonly kind: 'aws'; readonly config: AwsLaunchConfig; readonly configFile: string };

export async function readAwsConfig(file: string): Promise<AwsLaunchConfig> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new LaunchError(`--config ${file}: ${missing ? 'no such file' : `not JSON (${(error as Error).message})`}`);
  }
  const parsed = awsLaunchConfigSchema.safeParse(raw);
  if (!parsed.success)
    throw new LaunchError(
      `--config ${file} has ${parsed.error.issues.length} problem(s):\n  ${parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(file)'}: ${i.message}`).join('\n  ')}`,
    );
  return parsed.data;
}

/**
 * The stack a command acts on. The local one must answer its console (GET /api/state) within
 * `timeoutMs`: an unreachable target is named, with what to do, before anything is changed.
 */
export async function resolveTarget(args: Pick<LaunchArgs, 'target' | 'config' | 'console'>, timeoutMs = 3000): Promise<LaunchTarget> {
  if (args.target === 'aws') {
    const configFile = args.config as string;
    return { kind: 'aws', config: await readAwsConfig(configFile), configFile };
  }
  let state: unknown;
  try {
    const response = await fetch(`${args.console}/api/state`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`it answered ${response.status}`);
    state = await response.json();
  } catch (error) {
    throw new LaunchError(
      `cannot reach the local stack's console at ${args.console} (${(error as Error).message}): start it with npm start, or pass --console URL`,
    );
  }
  const siteUrl = (state as { siteUrl?: unknown }).siteUrl;
  const releases = localReleasesSchema.safeParse((state as { releases?: unknown }).releases);
  if (!releases.success)
    throw new LaunchError(
      `the stack at ${args.console} does not say where its releases live (its GET /api/state has no releases): restart npm start on this checkout`,
    );
  return { kind: 'local', console: args.console, siteUrl: typeof siteUrl === 'string' ? siteUrl : null, releases: releases.data };
}
