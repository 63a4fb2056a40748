import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { loadApiConfig } from './env';
import { createApiHandler, type ApiHandler } from './handler';
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
 *
 * IAM: dynamodb:DeleteItem, GetItem, PutItem, Query and UpdateItem on the table and its `byEmail` index;
 * secretsmanager:GetSecretValue (with DescribeSecret, as CDK's read grant gives) on the three secrets.
 */
let ready: Promise<ApiHandler> | undefined;

/** Reads the secrets and builds the handler: once per execution environment, on the first event. */
function coldStart(): Promise<ApiHandler> {
  const secrets = secretsManagerReader(new SecretsManagerClient({ region: process.env.AWS_REGION }));
  const starting = loadApiConfig(process.env, { readSecret: secrets }).then(createApiHandler);
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
