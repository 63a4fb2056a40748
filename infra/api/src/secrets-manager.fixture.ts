import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for the one Secrets Manager call the API makes (`GetSecretValue`, AWS JSON
 * 1.1 protocol), so tests run the real SDK client over HTTP: there is no local Secrets Manager
 * to run. Point a client at `endpoint` (or set AWS_ENDPOINT_URL_SECRETS_MANAGER) with any
 * credentials. Unknown secrets answer as AWS does, with a ResourceNotFoundException.
 */
export interface SecretsManagerStandIn {
  readonly endpoint: string;
  /** Secret id → value; change it between calls to simulate a secret appearing or rotating. */
  readonly secrets: Map<string, string>;
  /** The SecretId of every request, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startSecretsManagerStandIn(initial: Record<string, string> = {}): Promise<SecretsManagerStandIn> {
  const secrets = new Map(Object.entries(initial));
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(body));
      };
      if (req.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue') {
        reply(400, { __type: 'UnknownOperationException', message: `not served here: ${String(req.headers['x-amz-target'])}` });
        return;
      }
      let secretId = '';
      try {
        secretId = String((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { SecretId?: unknown }).SecretId ?? '');
      } catch {
        reply(400, { __type: 'InvalidRequestException', message: 'body is not JSON' });
        return;
      }
      requests.push(secretId);
      const value = secrets.get(secretId);
      if (value === undefined) {
        reply(400, { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." });
        return;
      }
      reply(200, {
        ARN: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${secretId}-AbCdEf`,
        Name: secretId,
        SecretString: value,
        VersionId: '00000000-0000-0000-0000-000000000001',
        VersionStages: ['AWSCURRENT'],
        CreatedDate: 1_763_000_000,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    secrets,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
