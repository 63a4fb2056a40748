import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { SiteStack } from '../lib/site-stack';

const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');

export interface StrideAppOptions {
  readonly outdir?: string;
  readonly domainName?: string;
}

/** The Stride CDK app. No lookups and no network: synth works offline without credentials. */
export function createStrideApp(options: StrideAppOptions = {}): { app: App; site: SiteStack } {
  const app = new App(options.outdir ? { outdir: options.outdir } : {});
  const domainName = options.domainName ?? 'stride.example.com';
  // Stack ids are API: renaming one replaces the stack and everything in it.
  const site = new SiteStack(app, 'StrideSite', {
    env: { region: 'us-east-1' },
    viewerRequestBundleDir: path.join(repoRoot, 'edge', 'dist', 'viewer-request'),
    apiDomainName: `api.${domainName}`,
  });
  return { app, site };
}
