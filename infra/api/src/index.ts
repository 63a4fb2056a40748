import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { ApiConfig } from './context';
import { loadApiConfig, releaseSourceFrom } from './env';
import { createApiHandler, type ApiHandler } from './handler';
import { createLiveCatalog, s3ReleaseCatalogReader } from './release-catalog';
import { secretsManagerReader } from './secrets';

/**
 * Lambda entry point (handler: `index.handler`, HTTP API payload format 2.0), deployed to
 * us-east-1 and us-west-1. Environment variables it reads (validated in env.ts):
 *
 * | variable | value |
 * |---|---|
 * | `AWS_REGION` | set by the Lambda runtime; echoed in `x-stride-region` |
 * | `STRIDE_TABLE_NAME` | the API table (global table, same name in both regions); layout in table.ts |
 * | `STRIDE_SESSION_SIGNING_KEY_SECRET` | name or ARN of the secret holding the private RS256 JWK (JSON, with `kid`) signing `stride_session`; its public half is the JWKS baked into viewer-request |
 * | `STRIDE_MEDIA_KEY_PAIR_ID` | CloudFront public key id in the media behavior's trusted key group |
 * | `STRIDE_MEDIA_PRIVATE_KEY_SECRET` | name or ARN of the secret holding the PEM private key of that CloudFront public key |
 * | `STRIDE_ORIGIN_VERIFY_SECRET` | name or ARN of the secret holding `{"current","previous"}`: the `x-stride-origin-verify` values CloudFront adds (requests without one are refused, except GET /api/ping) |
 * | `STRIDE_MEDIA_RESOURCE_BASE` | viewer URL prefix of media, e.g. `https://stride.example/media` |
 * | `STRIDE_MEDIA_COOKIE_TTL_SECONDS` | optional, default 14400 |
 * | `STRIDE_CATALOG_DIR` | optional, default `content/programs` under the task root (bundle web/content/programs/*.json there) |
 * | `STRIDE_SECURE_COOKIES` | optional, default `true` |
 * | `STRIDE_DYNAMODB_ENDPOINT` | local only; unset on AWS |
 * | `STRIDE_RELEASE_BUCKET`, `STRIDE_RELEASE_REGION` | optional, together: the site bucket and its region; the catalog then follows `releases/live.json` (release-catalog.ts), the bundled one the first good copy |
 *
 * IAM: dynamodb:DeleteItem, GetItem, PutItem, Query and UpdateItem on the table and its `byEmail` index;
 * secretsmanager:GetSecretValue (with DescribeSecret, as CDK's read grant gives) on the three secrets;
 * s3:GetObject on `releases/*` of the release bucket when it is set.
 */
let ready: Promise<ApiHandler> | undefined;

/** The bundled catalog, or the live release's once read, when the environment names a release bucket. */
function withLiveCatalog(config: ApiConfig, env: NodeJS.ProcessEnv): ApiConfig {
  const source = releaseSourceFrom(env);
  if (!source) return config;
  // One attempt per read: the next refresh is the retry, and no request waits on it.
  const s3 = new S3Client({ region: source.region, maxAttempts: 1 });
  return { ...config, catalog: createLiveCatalog(config.catalog, s3ReleaseCatalogReader(s3, source.bucket)) };
}

/** Reads the secrets and builds the handler: once per execution environment, on the first event. */
function coldStart(): Promise<ApiHandler> {
  const secrets = secretsManagerReader(new SecretsManagerClient({ region: process.env.AWS_REGION }));
  const starting = loadApiConfig(process.env, { readSecret: secrets })
    .then((config) => withLiveCatalog(config, process.env))
    .then(createApiHandler);
  // A failed start (a throttled or denied secret read, say) is tried again on the next event
  // instead of failing every event for the life of the container.
  starting.catch(() => {
    if (ready === starting) ready = undefined;
  });
  return starting;
}

export const handler = (event: APIGatewayProxyEventV2) => {
  ready ??= coldStart();
  return ready.then((api) => api(event));
};
