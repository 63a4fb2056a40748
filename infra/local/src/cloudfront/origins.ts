import type { CloudFrontHeaders } from 'aws-lambda';
import type { ObjectSource } from './bucket-origin';
import { fromNodeHeaders } from './edge-event';
import type { LocalOriginGroup } from './distribution-config';

export interface OriginResponse {
  readonly status: number;
  readonly headers: CloudFrontHeaders;
  readonly body: Buffer;
  /** Which origin answered (bucket name or API domain). */
  readonly origin: string;
}

export class OriginConnectionError extends Error {
  override name = 'OriginConnectionError';
}

const noSuchKey = (uri: string) =>
  Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${uri.slice(1).replace(/[<>&"']/g, '')}</Key></Error>`,
  );

/** A GET to an S3 origin: 200 with the object, 304 for a matching If-None-Match, 404 NoSuchKey. */
export async function fetchFromBucket(bucket: ObjectSource, uri: string, ifNoneMatch?: string): Promise<OriginResponse> {
  if (!bucket.available) throw new OriginConnectionError(`could not connect to ${bucket.name}`);
  let object;
  try {
    object = await bucket.get(uri);
  } catch (error) {
    // The bucket's server did not answer (or answered 5xx): to CloudFront, an origin it could not reach.
    throw new OriginConnectionError(`could not read ${bucket.name}: ${(error as Error).message}`);
  }
  if (!object)
    return {
      status: 404,
      headers: fromNodeHeaders({ 'Content-Type': 'application/xml', Server: 'AmazonS3' }),
      body: noSuchKey(uri),
      origin: bucket.name,
    };
  const headers = fromNodeHeaders({
    'Content-Type': object.contentType,
    ETag: object.etag,
    'Last-Modified': object.lastModified.toUTCString(),
    'Content-Length': object.body.length,
    Server: 'AmazonS3',
  });
  if (ifNoneMatch && ifNoneMatch === object.etag) return { status: 304, headers, body: Buffer.alloc(0), origin: bucket.name };
  return { status: 200, headers, body: object.body, origin: bucket.name };
}

/**
 * An origin group: the primary answers unless it fails to connect or returns one of the group's
 * failover codes, then the replica answers (only for GET, HEAD and OPTIONS, as CloudFront does:
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/high_availability_origin_failover.html).
 */
export async function fetchFromOriginGroup(
  group: Pick<LocalOriginGroup, 'primary' | 'replica' | 'failoverStatusCodes'>,
  method: string,
  uri: string,
  ifNoneMatch?: string,
): Promise<OriginResponse> {
  const canFailOver = method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
  try {
    const response = await fetchFromBucket(group.primary, uri, ifNoneMatch);
    if (!canFailOver || !group.failoverStatusCodes.has(response.status)) return response;
  } catch (error) {
    if (!canFailOver || !(error instanceof OriginConnectionError)) throw error;
  }
  return fetchFromBucket(group.replica, uri, ifNoneMatch);
}
