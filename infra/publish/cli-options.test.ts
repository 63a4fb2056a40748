import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError, parsePublishArgs } from './cli-options';

const repoRoot = mkdtempSync(path.join(tmpdir(), 'stride-repo-'));
const parse = (...argv: string[]) => parsePublishArgs(argv, { repoRoot });
const required = ['--bucket', 'stride-site-bucket', '--distribution-id', 'E2EXAMPLE12345'];

describe('publish command line', () => {
  it('takes bucket, distribution and options from flags, with defaults for the rest', () => {
    expect(parse(...required, '--dry-run')).toEqual({
      bucket: 'stride-site-bucket',
      distributionId: 'E2EXAMPLE12345',
      dir: path.join(repoRoot, 'web', 'dist', 'client'),
      region: 'us-east-1',
      dryRun: true,
      maxInvalidationPaths: 50,
      maxWaitSeconds: 900,
    });
  });

  it('falls back to the StrideSite outputs npm run deploy wrote', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'stride-out-')), 'outputs.json');
    writeFileSync(file, JSON.stringify({ StrideSite: { SiteBucketName: 'from-outputs-bucket', DistributionId: 'EOUTPUTS12345' } }));
    expect(parse('--outputs', file)).toMatchObject({ bucket: 'from-outputs-bucket', distributionId: 'EOUTPUTS12345' });
    expect(parse('--outputs', file, '--bucket', 'flag-wins-bucket')).toMatchObject({ bucket: 'flag-wins-bucket' });
  });

  it.each([
    [['--bucket'], /--bucket/],
    [[...required, '--dryrun'], /Unknown option '--dryrun'/],
    [[...required, 'extra'], /Unexpected argument 'extra'/],
    [['--distribution-id', 'E2EXAMPLE12345'], /--bucket is required/],
    [['--bucket', 'stride-site-bucket'], /--distribution-id is required/],
    [['--bucket', 'Bad_Bucket', '--distribution-id', 'E2EXAMPLE12345'], /--bucket "Bad_Bucket" is not an S3 bucket name/],
    [['--bucket', 'stride-site-bucket', '--distribution-id', 'nope'], /--distribution-id "nope" is not a CloudFront distribution id/],
    [[...required, '--region', 'mars'], /--region "mars" is not an AWS region/],
    [[...required, '--max-invalidation-paths', '0'], /--max-invalidation-paths must be a positive whole number, got "0"/],
    [[...required, '--max-wait-seconds', 'soon'], /--max-wait-seconds must be a positive whole number, got "soon"/],
    [[...required, '--max-wait-seconds', '10'], /--max-wait-seconds must be more than 20/],
    [['--outputs', '/nonexistent/outputs.json'], /--outputs \/nonexistent\/outputs.json does not exist/],
  ])('rejects %j naming the flag', (argv, message) => {
    expect(() => parse(...argv)).toThrow(CliError);
    expect(() => parse(...argv)).toThrow(message);
  });
});
