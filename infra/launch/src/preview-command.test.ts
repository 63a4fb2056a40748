import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { PreviewTokens } from '../../api/src/previews';
import { SECRET_NAMES } from '../../cdk/lib/names';
import { LaunchError } from './args';
import { awsSigner } from './preview-command';

const NOW = new Date('2026-12-06T00:00:00Z');
const request = { program: 'winter-warmup', asOf: new Date('2026-12-24T06:00:00Z'), expiresAt: new Date('2026-12-06T01:00:00Z') };

// Secrets Manager has no local equivalent in this project: the one AWS client mocked here.
describe('preview signing on AWS (mocked AWS)', () => {
  it('signs with the session key from Secrets Manager, and the API verifies it as a preview', async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), kid: 'k-1' };
    const secrets = new SecretsManagerClient({ region: 'us-east-1' });
    const mock = mockClient(secrets);
    mock.on(GetSecretValueCommand, { SecretId: SECRET_NAMES.sessionSigningKey }).resolves({ SecretString: JSON.stringify(jwk) });
    const token = await awsSigner('us-east-1', secrets)(request, NOW);
    const claims = await (await PreviewTokens.fromPrivateJwk(jwk)).verify(token, NOW);
    expect(claims).toEqual({
      program: 'winter-warmup',
      programPath: '/programs/winter-warmup',
      asOfMs: request.asOf.getTime(),
      expiresAtMs: request.expiresAt.getTime(),
    });
  });

  it('names a secret it cannot read, or one that is not the key, with what to do', async () => {
    const secrets = new SecretsManagerClient({ region: 'us-east-1' });
    const mock = mockClient(secrets);
    mock.on(GetSecretValueCommand).rejects(Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' }));
    const denied = awsSigner('us-east-1', secrets)(request, NOW);
    await expect(denied).rejects.toBeInstanceOf(LaunchError);
    await expect(denied).rejects.toThrow(/secretsmanager:GetSecretValue/);
    mock.reset();
    mock.on(GetSecretValueCommand).resolves({ SecretString: '{"kty":"RSA","n":"x","e":"AQAB"}' });
    await expect(awsSigner('us-east-1', secrets)(request, NOW)).rejects.toThrow(/not a private session JWK/);
  });
});
