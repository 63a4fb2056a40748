import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { exportJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { httpApiEvent, TEST_ORIGIN_SECRET_JSON } from './apigw-event.fixture';
import { startSecretsManagerStandIn, type SecretsManagerStandIn } from './secrets-manager.fixture';

const savedEnv = { ...process.env };
let standIn: SecretsManagerStandIn;
let sessionJwk: string;

beforeAll(async () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  sessionJwk = JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'key-1', alg: 'RS256' });
  standIn = await startSecretsManagerStandIn({
    'stride/media-signing-key': privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    'stride/origin-verify': TEST_ORIGIN_SECRET_JSON,
  });
  process.env = {
    PATH: savedEnv.PATH,
    AWS_REGION: 'us-west-1',
    // The Lambda runtime provides credentials; the stand-in takes any.
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_ENDPOINT_URL_SECRETS_MANAGER: standIn.endpoint,
    AWS_MAX_ATTEMPTS: '1',
    STRIDE_TABLE_NAME: 'stride-api',
    STRIDE_SESSION_SIGNING_KEY_SECRET: 'stride/session-signing-key',
    STRIDE_MEDIA_KEY_PAIR_ID: 'K2JCJMDEHXQW5F',
    STRIDE_MEDIA_PRIVATE_KEY_SECRET: 'stride/media-signing-key',
    STRIDE_MEDIA_RESOURCE_BASE: 'https://stride.test/media',
    STRIDE_ORIGIN_VERIFY_SECRET: 'stride/origin-verify',
    STRIDE_CATALOG_DIR: path.join(import.meta.dirname, '..', '..', '..', 'web', 'content', 'programs'),
  };
  vi.resetModules();
});

afterAll(async () => {
  process.env = savedEnv;
  await standIn.close();
});

describe('the Lambda entry point (secrets from a loopback Secrets Manager stand-in)', () => {
  it('fails an event whose cold start cannot read a secret, starts again on the next, then reads the secrets no more', async () => {
    const { handler } = await import('./index');
    await expect(handler(httpApiEvent('GET', '/api/ping'))).rejects.toThrow(
      'secret stride/session-signing-key could not be read (ResourceNotFoundException',
    );

    // The secret appears (replication caught up, a permission was fixed): no new container needed.
    standIn.secrets.set('stride/session-signing-key', sessionJwk);
    const ping = await handler(httpApiEvent('GET', '/api/ping'));
    expect(ping.statusCode).toBe(200);
    expect(JSON.parse(ping.body ?? '')).toMatchObject({ status: 'ok', region: 'us-west-1' });

    const reads = standIn.requests.length;
    await handler(httpApiEvent('GET', '/api/ping'));
    expect(standIn.requests).toHaveLength(reads);
  });
});
