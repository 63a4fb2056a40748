import type * as S3Sdk from '@aws-sdk/client-s3';
import { assertLivePointer, LIVE_POINTER_KEY, releaseManifestKey, type LivePointer } from '@stride/contract/releases';
import type { ReleaseReader } from './release-routing';

/** Where the viewer-request reads releases from, baked in at build (Lambda@Edge has no environment variables). */
export interface ReleaseSourceConfig {
  readonly bucket: string;
  readonly region: string;
}

/**
 * Whether this runtime can reach S3: in Lambda (the runtime provides the function's role
 * credentials and AWS_LAMBDA_FUNCTION_NAME), or where a local runtime names an S3 endpoint with
 * the SDK's own AWS_ENDPOINT_URL_S3 (the local stack's S3 server). Anywhere else (a benchmark, a
 * unit test) the viewer-request routes by its baked manifest.
 */
export function canReadReleases(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.AWS_LAMBDA_FUNCTION_NAME || env.AWS_ENDPOINT_URL_S3);
}

/**
 * The live pointer and release manifests through the real S3 client. The SDK is loaded on the
 * first read (Lambda's Node.js runtime provides it; the bundle leaves it out), and the client is
 * made again if the endpoint changes (a local stack restarted in the same process). One attempt
 * per read: the next refresh is the retry, and a request never waits on backoff.
 */
export function s3ReleaseReader(config: ReleaseSourceConfig, env: NodeJS.ProcessEnv = process.env): ReleaseReader {
  let client: { endpoint: string | undefined; s3: S3Sdk.S3Client; sdk: typeof S3Sdk } | undefined;
  const s3 = async () => {
    const endpoint = env.AWS_ENDPOINT_URL_S3;
    if (!client || client.endpoint !== endpoint) {
      const sdk = await import('@aws-sdk/client-s3');
      client?.s3.destroy();
      // An IP endpoint (the local server) is addressed path-style; S3 itself virtual-hosted.
      client = { endpoint, sdk, s3: new sdk.S3Client({ region: config.region, maxAttempts: 1, forcePathStyle: endpoint !== undefined }) };
    }
    return client;
  };
  const readJson = async (key: string): Promise<unknown> => {
    const { s3: c, sdk } = await s3();
    try {
      const object = await c.send(new sdk.GetObjectCommand({ Bucket: config.bucket, Key: key }));
      return JSON.parse((await object.Body?.transformToString('utf8')) ?? '');
    } catch (error) {
      if ((error as Error).name === 'NoSuchKey') return undefined;
      throw error;
    }
  };
  return {
    async pointer(): Promise<LivePointer | undefined> {
      const value = await readJson(LIVE_POINTER_KEY);
      if (value === undefined) return undefined;
      assertLivePointer(value, `s3://${config.bucket}/${LIVE_POINTER_KEY}`);
      return value;
    },
    manifest: (id) => readJson(releaseManifestKey(id)),
  };
}
