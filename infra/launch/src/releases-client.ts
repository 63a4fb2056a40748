import { LaunchError } from './args';
import type { LaunchTarget } from './target';

/**
 * What `preview`, `publish` and `rollback` need from the release backbone (issue 14: releases in
 * the site bucket, a live pointer, invalidations through the CloudFront API), built in
 * infra/publish. Until that library is here these commands stop with NotYetError (exit 2)
 * instead of pretending to have published anything.
 */
export interface ReleasesClient {
  /** The live release's id and the catalog it carries, or null before the first release. */
  live(): Promise<{ readonly release: string; readonly catalog: unknown } | null>;
  publish(input: { readonly distDir: string; readonly log: (line: string) => void }): Promise<{ readonly release: string }>;
  rollback(to: string | null): Promise<{ readonly from: string; readonly to: string }>;
  preview(input: { readonly slug: string; readonly asOf: string; readonly expiresInMin: number }): Promise<{ readonly url: string }>;
}

export class NotYetError extends LaunchError {
  override name = 'NotYetError';
}

export function releasesClient(target: LaunchTarget, command: string): Promise<ReleasesClient> {
  const where = target.kind === 'local' ? `the local stack at ${target.console}` : `AWS (${target.configFile})`;
  return Promise.reject(
    new NotYetError(
      `${command} is not available yet: releases (issue 14's release backbone in infra/publish) have not landed, so nothing was ${command === 'preview' ? 'signed' : 'changed'} on ${where}`,
    ),
  );
}
