import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** Reads one secret's string value by name or ARN. */
export type SecretReader = (secretId: string) => Promise<string>;

/**
 * Secrets Manager's `GetSecretValue` in this region (the API stacks replicate each secret to both).
 * Failures name the secret and AWS's reason, so a cold start that cannot read a key says which.
 */
export function secretsManagerReader(client: SecretsManagerClient): SecretReader {
  return async (secretId) => {
    let secretString: string | undefined;
    try {
      ({ SecretString: secretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId })));
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new Error(`API configuration: secret ${secretId} could not be read (${reason})`);
    }
    if (typeof secretString !== 'string' || secretString.trim() === '')
      throw new Error(`API configuration: secret ${secretId} has no string value`);
    return secretString;
  };
}
