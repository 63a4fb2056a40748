import path from 'node:path';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { S3Client } from '@aws-sdk/client-s3';
import { CliError, parsePublishArgs } from './cli-options';
import { publishSite } from './publish';

// `npm run publish [-- flags]`: upload the built site to the StrideSite bucket and invalidate what changed.
const repoRoot = path.resolve(import.meta.dirname, '..', '..');

async function main(): Promise<void> {
  const options = parsePublishArgs(process.argv.slice(2), { repoRoot });
  // The bucket lives in the primary region; CloudFront's API is global.
  const s3 = new S3Client({ region: options.region });
  const cloudfront = new CloudFrontClient({ region: 'us-east-1' });
  await publishSite({ s3, cloudfront, bucket: options.bucket, distributionId: options.distributionId, dir: options.dir }, options);
}

main().catch((error: unknown) => {
  console.error(`publish: ${error instanceof CliError || error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
