import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretsManagerReader } from './secrets';
import { startSecretsManagerStandIn, type SecretsManagerStandIn } from './secrets-manager.fixture';

let standIn: SecretsManagerStandIn;
let read: (secretId: string) => Promise<string>;

beforeAll(async () => {
  standIn = await startSecretsManagerStandIn({ 'stride/session-signing-key': '{"kty":"RSA"}', 'stride/empty': '' });
  const client = new SecretsManagerClient({
    region: 'us-east-1',
    endpoint: standIn.endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  read = secretsManagerReader(client);
});

afterAll(() => standIn.close());

describe('secretsManagerReader (the real SDK against a loopback Secrets Manager stand-in)', () => {
  it('returns the secret string by name', async () => {
    await expect(read('stride/session-signing-key')).resolves.toBe('{"kty":"RSA"}');
    expect(standIn.requests).toContain('stride/session-signing-key');
  });

  it('names the secret and AWS’s reason when it cannot be read', async () => {
    await expect(read('stride/missing')).rejects.toThrow(
      /^API configuration: secret stride\/missing could not be read \(ResourceNotFoundException: /,
    );
  });

  it('refuses a secret with no string value', async () => {
    await expect(read('stride/empty')).rejects.toThrow('API configuration: secret stride/empty has no string value');
  });
});
