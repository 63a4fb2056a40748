import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PREVIEW_QUERY_PARAM } from '@stride/contract/preview';
import { programPath } from '@stride/contract/urls';
import type { Program } from '@stride/web/content/schema';
import { SECRET_NAMES } from '../../cdk/lib/names';
import { PreviewTokens, type PreviewRequest } from '../../api/src/previews';
import { readLiveRelease } from '../../publish/release';
import { LaunchError, type LaunchArgs } from './args';
import { validContent, type Output } from './commands';
import type { LaunchPaths } from './paths';
import { programsOfRelease } from './program-changes';
import { onReleases } from './release-commands';
import { releaseTargetOf } from './releases-client';
import { resolveTarget, type LaunchTarget } from './target';

/** Signs a preview for a target: the local stack's console, or the session key in Secrets Manager on AWS. */
export type PreviewSigner = (request: Omit<PreviewRequest, 'now'>, now: Date) => Promise<string>;

/** The local console signs with the stack's own session key (POST /api/previews). */
function consoleSigner(consoleUrl: string): PreviewSigner {
  return async (request) => {
    let response: Response;
    try {
      response = await fetch(`${consoleUrl}/api/previews`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ program: request.program, asOf: request.asOf.toISOString(), expiresAt: request.expiresAt.toISOString() }),
        signal: AbortSignal.timeout(5000),
      });
    } catch (error) {
      throw new LaunchError(`cannot reach the local stack's console at ${consoleUrl} (${(error as Error).message}): is npm start running?`);
    }
    const body = (await response.json().catch(() => ({}))) as { token?: unknown; error?: unknown };
    if (response.status === 404)
      throw new LaunchError(`the stack at ${consoleUrl} cannot sign previews (no POST /api/previews): restart npm start on this checkout`);
    if (!response.ok || typeof body.token !== 'string')
      throw new LaunchError(
        `the console at ${consoleUrl} refused to sign the preview (${response.status}: ${String(body.error ?? 'no reason given')})`,
      );
    return body.token;
  };
}

/**
 * On AWS the preview is signed here with the session signing key read from Secrets Manager
 * (the secret the API reads, in the primary region): whoever runs it needs
 * secretsmanager:GetSecretValue on it.
 */
export function awsSigner(region: string, secrets = new SecretsManagerClient({ region })): PreviewSigner {
  return async (request, now) => {
    let secret: string | undefined;
    try {
      secret = (await secrets.send(new GetSecretValueCommand({ SecretId: SECRET_NAMES.sessionSigningKey }))).SecretString;
    } catch (error) {
      throw new LaunchError(
        `cannot read the session signing key ${SECRET_NAMES.sessionSigningKey} in ${region} (${(error as Error).name}: ${(error as Error).message}): ` +
          'signing a preview on AWS needs secretsmanager:GetSecretValue on it',
      );
    }
    let jwk: unknown;
    try {
      jwk = JSON.parse(secret ?? '');
    } catch {
      throw new LaunchError(`secret ${SECRET_NAMES.sessionSigningKey} in ${region} is not JSON (it must hold the private session JWK)`);
    }
    let tokens: PreviewTokens;
    try {
      tokens = await PreviewTokens.fromPrivateJwk(jwk as Parameters<typeof PreviewTokens.fromPrivateJwk>[0]);
    } catch (error) {
      throw new LaunchError(
        `secret ${SECRET_NAMES.sessionSigningKey} in ${region} is not a private session JWK (${(error as Error).message})`,
      );
    }
    return tokens.sign({ ...request, now });
  };
}

export const signerFor = (target: LaunchTarget): PreviewSigner =>
  target.kind === 'local' ? consoleSigner(target.console) : awsSigner(target.config.region);

const utc = (d: Date): string =>
  d
    .toISOString()
    .replace(/:\d\d\.\d{3}Z$/, ' UTC')
    .replace('T', ' ');

/**
 * `preview <slug> [--as-of TIME] [--expires-in MIN]`: a link that shows one program, as of one
 * instant, to whoever holds it until it expires. The program must be on the site: in the live
 * release, or (before the first publish) in the build the stack serves, i.e. the program files.
 * Nothing live changes.
 */
export async function preview(args: LaunchArgs, paths: LaunchPaths, io: Output, now: Date, sign?: PreviewSigner): Promise<void> {
  const slug = args.slug as string;
  const target = await resolveTarget(args);
  const releases = releaseTargetOf(target);
  const live = await onReleases(releases, () => readLiveRelease(releases));
  const onSite: readonly Program[] = live ? programsOfRelease(live) : await validContent(args, paths);
  const where = live
    ? `the live release ${live.id} on ${releases.where}`
    : `${args.contentDir} (nothing published on ${releases.where} yet)`;
  const program = onSite.find((p) => p.slug === slug);
  if (!program)
    throw new LaunchError(
      `no program "${slug}" in ${where}: a preview shows a published program; publish it first (npm run launch -- publish), ` +
        'and before its launchAt it is published as "coming soon"',
    );
  const launchAt = new Date(program.launchAt);
  // By default, how it will look when it launches (or now, once it has).
  const asOf = args.asOf ? new Date(args.asOf) : launchAt > now ? launchAt : now;
  const expiresAt = new Date(now.getTime() + args.expiresInMin * 60_000);
  const token = await (sign ?? signerFor(target))({ program: slug, asOf, expiresAt }, now);
  const siteUrl = releases.siteUrl ?? '';
  io.out(`Preview of "${program.title}" as of ${utc(asOf)} (${asOf >= launchAt ? 'live then' : 'still coming soon then'}):`);
  io.out(`  ${siteUrl}${programPath(slug)}?${PREVIEW_QUERY_PARAM}=${token}`);
  io.out(
    `Whoever opens it sees this program's page, TV page and page data as of that instant, and a subscriber can play it; ` +
      `nobody else sees a change. The link works until ${utc(expiresAt)} (${args.expiresInMin} min).`,
  );
  if (program.countries) io.out(`Licensed in ${program.countries.join(', ')} only: the preview does not lift that.`);
}
