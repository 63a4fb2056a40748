import { mkdirSync } from 'node:fs';
import { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { LOOPBACK } from '../listen';

/**
 * The local buckets behind an S3-compatible server (s3rver, on disk), so publishing and the local
 * CloudFront use the real `@aws-sdk/client-s3` against them, as dynalite stands in for DynamoDB.
 */
export interface LocalS3 {
  /** http://127.0.0.1:<port>: the endpoint an S3Client is given (path-style requests). */
  readonly endpoint: string;
  readonly buckets: readonly string[];
  /** A real S3 client for this server. */
  client(): S3Client;
  close(): Promise<void>;
}

/** The one account s3rver knows (requests signed with another key are refused 403 InvalidAccessKeyId). */
export const LOCAL_S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** An S3 client for a local endpoint: path-style (no bucket subdomains on loopback), checksums only where S3 requires them. */
export function localS3Client(endpoint: string, region = 'us-east-1'): S3Client {
  return new S3Client({
    region,
    endpoint,
    forcePathStyle: true,
    credentials: LOCAL_S3_CREDENTIALS,
    // s3rver predates S3's default CRC32 checksums (aws-chunked uploads): send them only where required.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export async function startLocalS3(options: {
  readonly dir: string;
  readonly port: number;
  readonly buckets: readonly string[];
}): Promise<LocalS3> {
  mkdirSync(options.dir, { recursive: true });
  const server = new S3rver({
    address: LOOPBACK,
    port: options.port,
    directory: options.dir,
    silent: true,
    configureBuckets: options.buckets.map((name) => ({ name })),
  });
  let address;
  try {
    address = await server.run();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new Error(`local S3: port ${options.port} is in use; set STRIDE_S3_PORT to a free port (0 picks one)`, { cause: error });
    throw error;
  }
  const endpoint = `http://${LOOPBACK}:${address.port}`;
  const clients: S3Client[] = [];
  return {
    endpoint,
    buckets: options.buckets,
    client() {
      const client = localS3Client(endpoint);
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients) client.destroy();
      // The SDK keeps sockets alive; close them so the server's close does not wait for their timeout.
      server.httpServer?.closeAllConnections();
      await server.close();
    },
  };
}
