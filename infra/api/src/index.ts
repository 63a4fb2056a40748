import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { apiConfigFromEnv } from './env';
import { createApiHandler, type ApiHandler } from './handler';

/**
 * Lambda entry point (handler: `index.handler`, HTTP API payload format 2.0), deployed to
 * us-east-1 and us-west-1. Environment variables it reads (validated in env.ts):
 *
 * | variable | value |
 * |---|---|
 * | `AWS_REGION` | set by the Lambda runtime; echoed in `x-stride-region` |
 * | `STRIDE_TABLE_NAME` | the API table (global table, same name in both regions); layout in table.ts |
 * | `STRIDE_SESSION_SIGNING_KEY` | private RS256 JWK (JSON, with `kid`) signing `stride_session`; its public half is the JWKS baked into viewer-request |
 * | `STRIDE_MEDIA_KEY_PAIR_ID` | CloudFront public key id in the media behavior's trusted key group |
 * | `STRIDE_MEDIA_PRIVATE_KEY` | PEM private key of that CloudFront public key |
 * | `STRIDE_MEDIA_RESOURCE_BASE` | viewer URL prefix of media, e.g. `https://stride.example/media` |
 * | `STRIDE_MEDIA_COOKIE_TTL_SECONDS` | optional, default 14400 |
 * | `STRIDE_CATALOG_DIR` | optional, default `content/programs` under the task root (bundle web/content/programs/*.json there) |
 * | `STRIDE_SECURE_COOKIES` | optional, default `true` |
 * | `STRIDE_DYNAMODB_ENDPOINT` | local only; unset on AWS |
 *
 * IAM: dynamodb:GetItem, PutItem, Query and UpdateItem on the table and its `byEmail` index.
 */
let ready: Promise<ApiHandler> | undefined;

export const handler = (event: APIGatewayProxyEventV2) => {
  // Built once per execution environment, on the first event (cold start).
  ready ??= createApiHandler(apiConfigFromEnv(process.env));
  return ready.then((api) => api(event));
};
