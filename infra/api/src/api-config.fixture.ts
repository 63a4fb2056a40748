import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { exportJWK } from 'jose';
import type { LocalDynamo } from '../../local/src/data/dynamo';
import { readTestOriginSecrets } from './apigw-event.fixture';
import { loadCatalog } from './catalog';
import type { ApiConfig } from './context';

/** The shipped catalog (web/content/programs). */
export const SHIPPED_CATALOG_DIR = path.resolve(import.meta.dirname, '../../../web/content/programs');

export interface TestApiOptions {
  readonly db: ReturnType<LocalDynamo['documentClient']>;
  readonly tableName: string;
  readonly now: () => Date;
  /** @default 'us-west-1' */
  readonly region?: string;
  /** @default the shipped catalog */
  readonly catalogDir?: string;
  /** A private session JWK with its kid; @default an RS256 key made for the test file, kid `test-kid` */
  readonly sessionSigningKey?: ApiConfig['sessionSigningKey'];
  /** @default 600 */
  readonly mediaCookieTtlSeconds?: number;
}

// Real RSA keys, made once per test file: a property test builds a handler per run.
let keys: { session: ApiConfig['sessionSigningKey']; mediaPem: string } | undefined;
async function testKeys(): Promise<NonNullable<typeof keys>> {
  if (!keys) {
    const session = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const media = generateKeyPairSync('rsa', { modulusLength: 2048 });
    keys = {
      session: { ...(await exportJWK(session.privateKey)), kid: 'test-kid' },
      mediaPem: media.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
  }
  return keys;
}

/** The API's configuration as tests run it: real keys made for the test file, the test's table and clock, CloudFront's origin secret. */
export async function testApiConfig(options: TestApiOptions): Promise<ApiConfig> {
  const { session, mediaPem } = await testKeys();
  return {
    region: options.region ?? 'us-west-1',
    dynamo: options.db,
    tableName: options.tableName,
    sessionSigningKey: options.sessionSigningKey ?? session,
    media: {
      keyPairId: 'KTEST',
      privateKeyPem: mediaPem,
      resourceBase: 'https://stride.example/media',
      ttlSeconds: options.mediaCookieTtlSeconds ?? 600,
    },
    catalog: loadCatalog(options.catalogDir ?? SHIPPED_CATALOG_DIR),
    secureCookies: true,
    readOriginSecrets: readTestOriginSecrets,
    now: options.now,
  };
}
