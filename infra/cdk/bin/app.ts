import path from 'node:path';
import { App, type Environment } from 'aws-cdk-lib';
import { DEFAULT_TABLE_NAME, tableDefinition } from '../../api/src/table';
import { loadStrideConfig, type StrideConfig } from '../config/stride-config';
import { ApiStack } from '../lib/api-stack';
import { DnsStack } from '../lib/dns-stack';
import { EdgeStack } from '../lib/edge-stack';
import { acknowledgeNagFindings, type NagAcknowledgement } from '../lib/nag-acknowledgements';
import type { StrideStacks } from '../lib/stride-stacks';
import { DrillsStack } from '../lib/drills-stack';
import {
  EDGE_FUNCTIONS,
  STACK_IDS,
  apiDomainName,
  fisConfigBucketName,
  mediaReplicaBucketName,
  regionalApiDomainName,
  replicaBucketName,
  siteBucketName,
  type EdgeFunctionName,
} from '../lib/names';
import { SiteReplicaStack } from '../lib/site-replica-stack';
import { SiteStack } from '../lib/site-stack';
import { tableShape } from '../lib/table-definition';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');

/** The built edge bundles `npm run build` writes. */
export const defaultEdgeBundleDirs = (): Record<EdgeFunctionName, string> =>
  Object.fromEntries(EDGE_FUNCTIONS.map((name) => [name, path.join(repoRoot, 'edge', 'dist', name)])) as Record<EdgeFunctionName, string>;

export interface StrideAppOptions {
  /** Defaults to the file named by STRIDE_CONFIG, else infra/cdk/config/stride.config.json. */
  readonly config?: StrideConfig;
  readonly outdir?: string;
  readonly edgeBundleDirs?: Readonly<Record<EdgeFunctionName, string>>;
}

/**
 * The Stride CDK app: six stacks split by lifecycle, in deploy order. No lookups and no
 * network: synth works offline without credentials. Cross-region values (the secondary API's
 * endpoint, the media key id) travel through CDK's cross-region references.
 */
export function createStrideApp(options: StrideAppOptions = {}): {
  app: App;
  config: StrideConfig;
  stacks: StrideStacks;
  nagAcknowledgements: readonly NagAcknowledgement[];
} {
  const config = options.config ?? loadStrideConfig(process.env.STRIDE_CONFIG ? path.resolve(process.env.STRIDE_CONFIG) : undefined);
  const app = new App({
    ...(options.outdir ? { outdir: options.outdir } : {}),
    // Exports (and CDK's cross-region export writer/reader): CloudFormation refuses to delete a
    // value another stack still uses. Stated, not defaulted, so a CDK upgrade cannot change it.
    context: {
      '@aws-cdk/core:defaultCrossStackReferences': 'strong',
      // S3 server access logs delivered under a bucket policy, not the deprecated log-delivery ACL.
      '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
      // aws-cdk-lib's offline CloudFormation validation (resource schemas and rules) fails the
      // synth on any finding instead of printing a warning.
      '@aws-cdk/core:validateAgainstDefaultRules': true,
      // Replication roles get unique names (otherwise each is "CDKReplicationRole", and IAM names
      // are account-wide: the site's and the media's would clash, as would a second environment's).
      '@aws-cdk/aws-s3:setUniqueReplicationRoleName': true,
    },
  });
  const primaryEnv: Environment = { account: config.account, region: config.regions.primary };
  const secondaryEnv: Environment = { account: config.account, region: config.regions.secondary };
  const common = { crossRegionReferences: true, tags: { project: 'stride' } } as const;
  const api = apiDomainName(config);

  // Named, not generated: the Edge stack deploys before the Site stack creates it (names.ts).
  const siteBucket = siteBucketName(config);
  const edge = new EdgeStack(app, STACK_IDS.edge, {
    ...common,
    env: primaryEnv,
    description: 'Stride Lambda@Edge functions',
    bundleDirs: options.edgeBundleDirs ?? defaultEdgeBundleDirs(),
    releaseBucketName: siteBucket,
  });

  const replicaName = replicaBucketName(config);
  const mediaReplicaName = mediaReplicaBucketName(config);
  const siteReplica = new SiteReplicaStack(app, STACK_IDS.siteReplica, {
    ...common,
    env: secondaryEnv,
    description: 'Stride site and media bucket replicas',
    bucketName: replicaName,
    mediaBucketName: mediaReplicaName,
  });

  const site = new SiteStack(app, STACK_IDS.site, {
    ...common,
    env: primaryEnv,
    description: 'Stride site: buckets, CloudFront, WAF',
    domainName: config.domainName,
    hostedZone: config.hostedZone,
    apiDomainName: api,
    regionalApiDomainNames: {
      primary: regionalApiDomainName(config, config.regions.primary),
      secondary: regionalApiDomainName(config, config.regions.secondary),
    },
    replica: { bucketName: replicaName, region: config.regions.secondary },
    mediaReplica: { bucketName: mediaReplicaName, region: config.regions.secondary },
    rateLimitPer5Minutes: config.waf.rateLimitPer5Minutes,
    siteBucketName: siteBucket,
    mediaSigningPublicKeyPem: config.media.signingPublicKeyPem,
  });
  // Not visible to CDK as references: SSM parameter names and the replicas' bucket names.
  site.addStackDependency(edge, 'reads the edge function versions from SSM');
  site.addStackDependency(siteReplica, 'replicates into the replica buckets');

  const tableName = DEFAULT_TABLE_NAME;
  const table = { name: tableName, shape: tableShape(tableDefinition(tableName)) };
  const handler = {
    entry: path.join(repoRoot, 'infra', 'api', 'src', 'index.ts'),
    projectRoot: repoRoot,
    catalogDir: path.join(repoRoot, 'web', 'content', 'programs'),
    memoryMb: config.api.memoryMb,
    timeoutSeconds: config.api.timeoutSeconds,
    reservedConcurrency: config.api.reservedConcurrency,
  };
  const apiCommon = {
    ...common,
    table,
    siteDomainName: config.domainName,
    apiDomainName: api,
    hostedZone: config.hostedZone,
    handler,
    mediaKeyPairId: site.mediaPublicKey.publicKeyId,
    mediaCookieTtlSeconds: config.media.cookieTtlSeconds,
    releaseBucket: { name: siteBucket, region: config.regions.primary },
  };
  const fisConfigBucket = fisConfigBucketName(config);
  const apiPrimary = new ApiStack(app, STACK_IDS.apiPrimary, {
    ...apiCommon,
    env: primaryEnv,
    description: 'Stride API, primary region',
    role: 'primary',
    regionalApiDomainName: regionalApiDomainName(config, config.regions.primary),
    replicaRegion: config.regions.secondary,
    // The drills fault the primary only (region-errors, region-latency through FIS).
    fisConfigBucketName: fisConfigBucket,
  });
  const apiSecondary = new ApiStack(app, STACK_IDS.apiSecondary, {
    ...apiCommon,
    env: secondaryEnv,
    description: 'Stride API, secondary region',
    role: 'secondary',
    regionalApiDomainName: regionalApiDomainName(config, config.regions.secondary),
    replicaRegion: config.regions.primary,
  });
  apiSecondary.addStackDependency(apiPrimary, 'uses the global table replica the primary creates');

  const endpoint = (stack: ApiStack) => ({
    region: stack.region,
    executeApiHost: stack.executeApiHost,
    regionalDomainName: stack.domainName.regionalDomainName,
    regionalHostedZoneId: stack.domainName.regionalHostedZoneId,
    own: {
      domainName: regionalApiDomainName(config, stack.region),
      regionalDomainName: stack.regionalDomainName.regionalDomainName,
      regionalHostedZoneId: stack.regionalDomainName.regionalHostedZoneId,
    },
  });
  const dns = new DnsStack(app, STACK_IDS.dns, {
    ...common,
    env: primaryEnv,
    description: 'Stride DNS: API failover and site alias',
    domainName: config.domainName,
    apiDomainName: api,
    hostedZone: config.hostedZone,
    distribution: site.distribution,
    primary: endpoint(apiPrimary),
    secondary: endpoint(apiSecondary),
    healthCheck: config.healthCheck,
  });

  // FIS experiment templates for the drills' --target aws (npm run drill; README "Failover drills").
  const drills = new DrillsStack(app, STACK_IDS.drills, {
    ...common,
    env: primaryEnv,
    description: 'Stride drills: FIS experiment templates for the primary API',
    functionArn: apiPrimary.handler.function.functionArn,
    configBucketName: fisConfigBucket,
  });

  const stacks = { edge, siteReplica, site, apiPrimary, apiSecondary, dns, drills };
  // Recorded as template metadata, so a cdk-nag run anywhere sees the same acknowledgements.
  const nagAcknowledgements = acknowledgeNagFindings(stacks);
  return { app, config, stacks, nagAcknowledgements };
}
