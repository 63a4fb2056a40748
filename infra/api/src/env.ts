import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseOriginSecret } from '@stride/contract/origin-secret-format';
import { z } from 'zod';
import { loadCatalog } from './catalog';
import type { ApiConfig } from './context';
import type { SecretReader } from './secrets';

/**
 * The Lambda environment the API reads — the one list the CDK stack wires (see index.ts).
 * Bad or missing values fail the cold start with a message naming the variable. Key material
 * is not in it: the variables name secrets, read at cold start (a function's environment is
 * shown to anyone allowed lambda:GetFunctionConfiguration).
 */
const lambdaEnv = z.object({
  AWS_REGION: z.string().min(1, 'AWS_REGION is set by the Lambda runtime'),
  STRIDE_TABLE_NAME: z.string().min(3, 'STRIDE_TABLE_NAME must name the API table'),
  STRIDE_SESSION_SIGNING_KEY_SECRET: z
    .string()
    .min(1, 'STRIDE_SESSION_SIGNING_KEY_SECRET must name the secret holding the private session JWK'),
  STRIDE_MEDIA_KEY_PAIR_ID: z.string().min(1, 'STRIDE_MEDIA_KEY_PAIR_ID must be the CloudFront public key id'),
  STRIDE_MEDIA_PRIVATE_KEY_SECRET: z
    .string()
    .min(1, 'STRIDE_MEDIA_PRIVATE_KEY_SECRET must name the secret holding the media PEM private key'),
  STRIDE_ORIGIN_VERIFY_SECRET: z
    .string()
    .min(1, 'STRIDE_ORIGIN_VERIFY_SECRET must name the secret holding the CloudFront origin-verify header value'),
  STRIDE_MEDIA_RESOURCE_BASE: z
    .string()
    .regex(/^https?\*?:\/\/[^/]+\/media$/, 'STRIDE_MEDIA_RESOURCE_BASE must look like https://<site domain>/media'),
  STRIDE_MEDIA_COOKIE_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(86_400)
    .default(4 * 3600),
  STRIDE_CATALOG_DIR: z.string().default('content/programs'),
  STRIDE_SECURE_COOKIES: z.enum(['true', 'false']).default('true'),
  STRIDE_DYNAMODB_ENDPOINT: z.url().optional(),
});

/**
 * Where the live release is (@stride/contract/releases): both variables or neither. Set on AWS by
 * the API stack (the site bucket in the primary region); unset, the API serves its bundled catalog.
 */
const releaseEnv = z
  .object({
    STRIDE_RELEASE_BUCKET: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
        'STRIDE_RELEASE_BUCKET must be an S3 bucket name (the site bucket holding releases/live.json), or unset to serve the bundled catalog',
      )
      .optional(),
    STRIDE_RELEASE_REGION: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'STRIDE_RELEASE_REGION must be the AWS region of STRIDE_RELEASE_BUCKET, e.g. us-east-1')
      .optional(),
  })
  .refine((e) => (e.STRIDE_RELEASE_BUCKET === undefined) === (e.STRIDE_RELEASE_REGION === undefined), {
    path: ['STRIDE_RELEASE_REGION'],
    message: 'STRIDE_RELEASE_BUCKET and STRIDE_RELEASE_REGION are set together (the bucket and its region), or both left unset',
  });

export interface ReleaseSource {
  readonly bucket: string;
  readonly region: string;
}

/** The bucket and region of the live release, undefined when unset, or an error naming the variable. */
export function releaseSourceFrom(env: NodeJS.ProcessEnv): ReleaseSource | undefined {
  const parsed = releaseEnv.safeParse({
    STRIDE_RELEASE_BUCKET: env.STRIDE_RELEASE_BUCKET || undefined,
    STRIDE_RELEASE_REGION: env.STRIDE_RELEASE_REGION || undefined,
  });
  if (!parsed.success)
    throw new Error(`API configuration: ${parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('; ')}`);
  const { STRIDE_RELEASE_BUCKET: bucket, STRIDE_RELEASE_REGION: region } = parsed.data;
  return bucket && region ? { bucket, region } : undefined;
}

export interface LoadOptions {
  readonly readSecret: SecretReader;
  /** Where relative catalog paths start: the function's code folder on Lambda. */
  readonly taskRoot?: string;
}

/** The private session JWK a secret holds (JSON), or an error naming the secret. */
function sessionKeyFrom(secretId: string, value: string): ApiConfig['sessionSigningKey'] {
  let key: unknown;
  try {
    key = JSON.parse(value);
  } catch {
    throw new Error(`API configuration: secret ${secretId} is not JSON (it must hold the private session JWK)`);
  }
  const jwk = key as { kty?: unknown; d?: unknown };
  if (typeof key !== 'object' || key === null || jwk.kty !== 'RSA' || typeof jwk.d !== 'string') {
    throw new Error(`API configuration: secret ${secretId} is not a private RSA JWK`);
  }
  return key as ApiConfig['sessionSigningKey'];
}

/** Builds the API's configuration from the Lambda environment, reading both keys' secrets at once. */
export async function loadApiConfig(env: NodeJS.ProcessEnv, options: LoadOptions): Promise<ApiConfig> {
  const parsed = lambdaEnv.safeParse(env);
  if (!parsed.success)
    throw new Error(`API configuration: ${parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('; ')}`);
  const e = parsed.data;
  const [sessionSecret, mediaSecret] = await Promise.all([
    options.readSecret(e.STRIDE_SESSION_SIGNING_KEY_SECRET),
    options.readSecret(e.STRIDE_MEDIA_PRIVATE_KEY_SECRET),
  ]);
  const originSecretId = e.STRIDE_ORIGIN_VERIFY_SECRET;
  // Read at cold start (the guard reads it before the first event) and again after a mismatch.
  const readOriginSecrets = async () =>
    parseOriginSecret(await options.readSecret(originSecretId), `API configuration: secret ${originSecretId}`);
  const sessionSigningKey = sessionKeyFrom(e.STRIDE_SESSION_SIGNING_KEY_SECRET, sessionSecret);
  if (!mediaSecret.includes('PRIVATE KEY'))
    throw new Error(`API configuration: secret ${e.STRIDE_MEDIA_PRIVATE_KEY_SECRET} is not a PEM private key`);
  const taskRoot = options.taskRoot ?? env.LAMBDA_TASK_ROOT ?? process.cwd();
  const client = new DynamoDBClient({
    region: e.AWS_REGION,
    ...(e.STRIDE_DYNAMODB_ENDPOINT ? { endpoint: e.STRIDE_DYNAMODB_ENDPOINT } : {}),
  });
  return {
    region: e.AWS_REGION,
    dynamo: DynamoDBDocumentClient.from(client),
    tableName: e.STRIDE_TABLE_NAME,
    sessionSigningKey,
    media: {
      keyPairId: e.STRIDE_MEDIA_KEY_PAIR_ID,
      privateKeyPem: mediaSecret,
      resourceBase: e.STRIDE_MEDIA_RESOURCE_BASE,
      ttlSeconds: e.STRIDE_MEDIA_COOKIE_TTL_SECONDS,
    },
    catalog: loadCatalog(e.STRIDE_CATALOG_DIR.startsWith('/') ? e.STRIDE_CATALOG_DIR : `${taskRoot}/${e.STRIDE_CATALOG_DIR}`),
    secureCookies: e.STRIDE_SECURE_COOKIES === 'true',
    readOriginSecrets,
  };
}
