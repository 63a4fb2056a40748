import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { exportJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadApiConfig, releaseSourceFrom } from './env';

const catalogDir = path.join(import.meta.dirname, '..', '..', '..', 'web', 'content', 'programs');
let sessionJwk: string;
let mediaPem: string;

beforeAll(async () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  sessionJwk = JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'key-1', alg: 'RS256' });
  mediaPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
});

const env = (overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv => ({
  AWS_REGION: 'us-west-1',
  STRIDE_TABLE_NAME: 'stride-api',
  STRIDE_SESSION_SIGNING_KEY_SECRET: 'stride/session-signing-key',
  STRIDE_MEDIA_KEY_PAIR_ID: 'K2JCJMDEHXQW5F',
  STRIDE_MEDIA_PRIVATE_KEY_SECRET: 'stride/media-signing-key',
  STRIDE_MEDIA_RESOURCE_BASE: 'https://stride.test/media',
  STRIDE_ORIGIN_VERIFY_SECRET: 'stride/origin-verify',
  STRIDE_CATALOG_DIR: catalogDir,
  ...overrides,
});

/** Secrets by id, as Secrets Manager would answer (the reader itself is tested in secrets.test.ts). */
const secretsOf = (values: Record<string, string>) => {
  const asked: string[] = [];
  const readSecret = (id: string) => {
    asked.push(id);
    const value = values[id];
    return value === undefined
      ? Promise.reject(new Error(`API configuration: secret ${id} could not be read (ResourceNotFoundException)`))
      : Promise.resolve(value);
  };
  return { asked, readSecret };
};

describe('loadApiConfig', () => {
  it('reads both keys from the secrets the environment names, not from the environment', async () => {
    const secrets = secretsOf({ 'stride/session-signing-key': sessionJwk, 'stride/media-signing-key': mediaPem });
    const config = await loadApiConfig(env(), secrets);
    expect(secrets.asked.sort()).toEqual(['stride/media-signing-key', 'stride/session-signing-key']);
    expect(config.sessionSigningKey).toMatchObject({ kty: 'RSA', kid: 'key-1' });
    expect(config.media).toMatchObject({
      keyPairId: 'K2JCJMDEHXQW5F',
      privateKeyPem: mediaPem,
      resourceBase: 'https://stride.test/media',
      ttlSeconds: 14_400,
    });
    expect(config).toMatchObject({ region: 'us-west-1', tableName: 'stride-api', secureCookies: true });
  });

  it('reads the origin-verify values from their secret each time it is asked (a rotation needs no cold start)', async () => {
    const values: Record<string, string> = {
      'stride/session-signing-key': sessionJwk,
      'stride/media-signing-key': mediaPem,
      'stride/origin-verify': JSON.stringify({ current: 'a'.repeat(43) }),
    };
    const config = await loadApiConfig(env(), secretsOf(values));
    expect(await config.readOriginSecrets()).toEqual(['a'.repeat(43)]);
    values['stride/origin-verify'] = JSON.stringify({ current: 'b'.repeat(43), previous: 'a'.repeat(43) });
    expect(await config.readOriginSecrets()).toEqual(['b'.repeat(43), 'a'.repeat(43)]);
    values['stride/origin-verify'] = JSON.stringify({ current: 'short' });
    await expect(config.readOriginSecrets()).rejects.toThrow(
      'secret stride/origin-verify: "current" must be a string of at least 16 characters',
    );
    values['stride/origin-verify'] = 'plain text';
    await expect(config.readOriginSecrets()).rejects.toThrow('secret stride/origin-verify is not JSON');
  });

  it('names every missing or bad variable before reading any secret', async () => {
    const secrets = secretsOf({});
    await expect(
      loadApiConfig(env({ STRIDE_SESSION_SIGNING_KEY_SECRET: undefined, STRIDE_MEDIA_RESOURCE_BASE: 'stride.test' }), secrets),
    ).rejects.toThrow(/STRIDE_SESSION_SIGNING_KEY_SECRET: .*; STRIDE_MEDIA_RESOURCE_BASE: /);
    expect(secrets.asked).toEqual([]);
  });

  it('names the secret that could not be read', async () => {
    await expect(loadApiConfig(env(), secretsOf({ 'stride/session-signing-key': sessionJwk }))).rejects.toThrow(
      'secret stride/media-signing-key could not be read',
    );
  });

  it('names a secret whose value is not the key it should be', async () => {
    const media = { 'stride/media-signing-key': mediaPem };
    await expect(loadApiConfig(env(), secretsOf({ ...media, 'stride/session-signing-key': 'not json' }))).rejects.toThrow(
      'secret stride/session-signing-key is not JSON',
    );
    const publicOnly = JSON.stringify({ kty: 'RSA', n: 'x', e: 'AQAB' });
    await expect(loadApiConfig(env(), secretsOf({ ...media, 'stride/session-signing-key': publicOnly }))).rejects.toThrow(
      'secret stride/session-signing-key is not a private RSA JWK',
    );
    await expect(
      loadApiConfig(env(), secretsOf({ 'stride/session-signing-key': sessionJwk, 'stride/media-signing-key': 'hello' })),
    ).rejects.toThrow('secret stride/media-signing-key is not a PEM private key');
  });
});

describe('releaseSourceFrom', () => {
  it('leaves the bundled catalog in place when no release bucket is named', () => {
    expect(releaseSourceFrom(env())).toBeUndefined();
    expect(releaseSourceFrom(env({ STRIDE_RELEASE_BUCKET: '', STRIDE_RELEASE_REGION: '' }))).toBeUndefined();
  });

  it('reads the bucket and its region together', () => {
    expect(
      releaseSourceFrom(env({ STRIDE_RELEASE_BUCKET: 'stride-site-123456789012-us-east-1', STRIDE_RELEASE_REGION: 'us-east-1' })),
    ).toEqual({ bucket: 'stride-site-123456789012-us-east-1', region: 'us-east-1' });
  });

  it('names a bucket without its region, a region without its bucket, and a bad name', () => {
    expect(() => releaseSourceFrom(env({ STRIDE_RELEASE_BUCKET: 'stride-site-123456789012-us-east-1' }))).toThrow(
      /^API configuration: STRIDE_RELEASE_REGION: STRIDE_RELEASE_BUCKET and STRIDE_RELEASE_REGION are set together/,
    );
    expect(() => releaseSourceFrom(env({ STRIDE_RELEASE_REGION: 'us-east-1' }))).toThrow(/STRIDE_RELEASE_REGION: .*set together/);
    expect(() => releaseSourceFrom(env({ STRIDE_RELEASE_BUCKET: 'Stride_Site', STRIDE_RELEASE_REGION: 'us-east-1' }))).toThrow(
      /STRIDE_RELEASE_BUCKET must be an S3 bucket name/,
    );
    expect(() => releaseSourceFrom(env({ STRIDE_RELEASE_BUCKET: 'stride-site', STRIDE_RELEASE_REGION: 'east' }))).toThrow(
      /STRIDE_RELEASE_REGION must be the AWS region of STRIDE_RELEASE_BUCKET/,
    );
  });
});
