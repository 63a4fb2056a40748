import { describe, expect, it } from 'vitest';
import { canReadReleases } from './s3-release-reader';

describe('canReadReleases', () => {
  it('reads releases in Lambda or where a local runtime names an S3 endpoint, nowhere else', () => {
    expect(canReadReleases({ AWS_LAMBDA_FUNCTION_NAME: 'us-east-1.stride-viewer-request' })).toBe(true);
    expect(canReadReleases({ AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4569' })).toBe(true);
    expect(canReadReleases({})).toBe(false);
  });
});
