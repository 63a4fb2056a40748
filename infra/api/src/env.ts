import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { loadCatalog } from './catalog';
import type { ApiConfig } from './context';

/**
 * The Lambda environment the API reads — the one list the CDK stack wires (see index.ts).
 * Bad or missing values fail the cold start with a message naming the variable.
 */
const lambdaEnv = z.object({
  AWS_REGION: z.string().min(1, 'AWS_REGION is set by the Lambda runtime'),
  STRIDE_TABLE_NAME: z.string().min(3, 'STRIDE_TABLE_NAME must name the API table'),
  STRIDE_SESSION_SIGNING_KEY: z.string().min(1, 'STRIDE_SESSION_SIGNING_KEY must hold the private session JWK (JSON)'),
  STRIDE_MEDIA_KEY_PAIR_ID: z.string().min(1, 'STRIDE_MEDIA_KEY_PAIR_ID must be the CloudFront public key id'),
  STRIDE_MEDIA_PRIVATE_KEY: z.string().includes('PRIVATE KEY', { message: 'STRIDE_MEDIA_PRIVATE_KEY must be a PEM private key' }),
  STRIDE_MEDIA_RESOURCE_BASE: z.string().regex(/^https?\*?:\/\/[^/]+\/media$/, 'STRIDE_MEDIA_RESOURCE_BASE must look like https://<site domain>/media'),
  STRIDE_MEDIA_COOKIE_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(4 * 3600),
  STRIDE_CATALOG_DIR: z.string().default('content/programs'),
  STRIDE_SECURE_COOKIES: z.enum(['true', 'false']).default('true'),
  STRIDE_DYNAMODB_ENDPOINT: z.url().optional(),
});

export function apiConfigFromEnv(env: NodeJS.ProcessEnv, taskRoot = process.env.LAMBDA_TASK_ROOT ?? process.cwd()): ApiConfig {
  const parsed = lambdaEnv.safeParse(env);
  if (!parsed.success) throw new Error(`API configuration: ${parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('; ')}`);
  const e = parsed.data;
  let sessionSigningKey: ApiConfig['sessionSigningKey'];
  try {
    sessionSigningKey = JSON.parse(e.STRIDE_SESSION_SIGNING_KEY) as ApiConfig['sessionSigningKey'];
  } catch {
    throw new Error('API configuration: STRIDE_SESSION_SIGNING_KEY is not JSON');
  }
  const client = new DynamoDBClient({ region: e.AWS_REGION, ...(e.STRIDE_DYNAMODB_ENDPOINT ? { endpoint: e.STRIDE_DYNAMODB_ENDPOINT } : {}) });
  return {
    region: e.AWS_REGION,
    dynamo: DynamoDBDocumentClient.from(client),
    tableName: e.STRIDE_TABLE_NAME,
    sessionSigningKey,
    media: { keyPairId: e.STRIDE_MEDIA_KEY_PAIR_ID, privateKeyPem: e.STRIDE_MEDIA_PRIVATE_KEY, resourceBase: e.STRIDE_MEDIA_RESOURCE_BASE, ttlSeconds: e.STRIDE_MEDIA_COOKIE_TTL_SECONDS },
    catalog: loadCatalog(e.STRIDE_CATALOG_DIR.startsWith('/') ? e.STRIDE_CATALOG_DIR : `${taskRoot}/${e.STRIDE_CATALOG_DIR}`),
    secureCookies: e.STRIDE_SECURE_COOKIES === 'true',
  };
}
