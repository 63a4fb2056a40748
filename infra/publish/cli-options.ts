import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

export interface PublishCliOptions {
  readonly bucket: string;
  readonly distributionId: string;
  readonly dir: string;
  readonly region: string;
  readonly dryRun: boolean;
  readonly maxInvalidationPaths: number;
  readonly maxWaitSeconds: number;
}

export class CliError extends Error {
  override name = 'CliError';
}

export const USAGE = `usage: npm run publish -- [--dry-run] [--bucket NAME] [--distribution-id ID] [--dir DIR]
                        [--outputs FILE] [--region REGION] [--max-invalidation-paths N] [--max-wait-seconds N]
Bucket and distribution default to StrideSite's outputs in --outputs (written by npm run deploy).`;

interface Defaults {
  readonly repoRoot: string;
}

const positiveInt = (flag: string, raw: string): number => {
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new CliError(`--${flag} must be a positive whole number, got "${raw}"`);
  return Number(raw);
};

// CloudFront's invalidation waiter polls every 20 s at first; a shorter limit could never succeed.
const waitSeconds = (raw: string): number => {
  const value = positiveInt('max-wait-seconds', raw);
  if (value <= 20) throw new CliError(`--max-wait-seconds must be more than 20 (CloudFront is polled every 20 s), got "${raw}"`);
  return value;
};

/** Reads StrideSite's outputs from a `cdk deploy --outputs-file` JSON file. */
function siteOutputs(file: string): { bucket?: string; distributionId?: string } {
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(`--outputs ${file} is not JSON: ${(error as Error).message}`);
  }
  const site = (parsed as Record<string, Record<string, unknown> | undefined>).StrideSite ?? {};
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  return { bucket: text(site.SiteBucketName), distributionId: text(site.DistributionId) };
}

/** Parses the publish command line; any unknown or malformed flag is an error naming it. */
export function parsePublishArgs(argv: readonly string[], defaults: Defaults): PublishCliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        'dry-run': { type: 'boolean', default: false },
        bucket: { type: 'string' },
        'distribution-id': { type: 'string' },
        dir: { type: 'string' },
        outputs: { type: 'string' },
        region: { type: 'string', default: 'us-east-1' },
        'max-invalidation-paths': { type: 'string', default: '50' },
        'max-wait-seconds': { type: 'string', default: '900' },
      },
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`);
  }
  const outputsFile = path.resolve(values.outputs ?? path.join(defaults.repoRoot, 'infra', 'cdk-outputs.json'));
  if (values.outputs !== undefined && !existsSync(outputsFile)) throw new CliError(`--outputs ${outputsFile} does not exist`);
  const outputs = siteOutputs(outputsFile);
  const bucket = values.bucket ?? outputs.bucket;
  const distributionId = values['distribution-id'] ?? outputs.distributionId;
  if (!bucket) throw new CliError(`--bucket is required (or deploy first: ${outputsFile} names StrideSite's SiteBucketName)`);
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new CliError(`--bucket "${bucket}" is not an S3 bucket name`);
  if (!distributionId)
    throw new CliError(`--distribution-id is required (or deploy first: ${outputsFile} names StrideSite's DistributionId)`);
  if (!/^[A-Z0-9]{10,20}$/.test(distributionId))
    throw new CliError(`--distribution-id "${distributionId}" is not a CloudFront distribution id`);
  if (!/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(values.region)) throw new CliError(`--region "${values.region}" is not an AWS region`);
  return {
    bucket,
    distributionId,
    dir: path.resolve(values.dir ?? path.join(defaults.repoRoot, 'web', 'dist', 'client')),
    region: values.region,
    dryRun: values['dry-run'],
    maxInvalidationPaths: positiveInt('max-invalidation-paths', values['max-invalidation-paths']),
    maxWaitSeconds: waitSeconds(values['max-wait-seconds']),
  };
}
