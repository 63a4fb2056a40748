import type {
  CloudFrontHeaders,
  CloudFrontRequest,
  CloudFrontRequestEvent,
  CloudFrontResponse,
  CloudFrontResponseEvent,
  CloudFrontResultResponse,
} from 'aws-lambda';
import type { EdgeEventType } from './distribution-config';

export const DISTRIBUTION_DOMAIN = 'd111111abcdef8.cloudfront.net';
export const DISTRIBUTION_ID = 'ESTRIDELOCAL1';

/**
 * CloudFront's header shape from Node's raw header list: lowercase keys, each an array of
 * {key, value} keeping the viewer's spelling and every repeated value.
 */
export function toCloudFrontHeaders(rawHeaders: readonly string[]): CloudFrontHeaders {
  const headers: CloudFrontHeaders = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const key = rawHeaders[i] as string;
    const value = rawHeaders[i + 1] as string;
    const name = key.toLowerCase();
    (headers[name] ??= []).push({ key, value });
  }
  return headers;
}

export interface ViewerRequestParts {
  readonly method: string;
  readonly url: string;
  readonly rawHeaders: readonly string[];
  readonly clientIp: string;
}

export function toCloudFrontRequest(viewer: ViewerRequestParts): CloudFrontRequest {
  const queryIndex = viewer.url.indexOf('?');
  return {
    clientIp: viewer.clientIp,
    headers: toCloudFrontHeaders(viewer.rawHeaders),
    method: viewer.method,
    querystring: queryIndex === -1 ? '' : viewer.url.slice(queryIndex + 1),
    uri: queryIndex === -1 ? viewer.url : viewer.url.slice(0, queryIndex),
  };
}

export function viewerRequestEvent(request: CloudFrontRequest, requestId: string): CloudFrontRequestEvent {
  return requestEvent('viewer-request', request, requestId);
}

const eventConfig = <T extends EdgeEventType>(eventType: T, requestId: string) => ({
  distributionDomainName: DISTRIBUTION_DOMAIN,
  distributionId: DISTRIBUTION_ID,
  eventType,
  requestId,
});

/** A viewer-request or origin-request event (the request is deep-copied: the function may mutate it). */
export function requestEvent(
  eventType: 'viewer-request' | 'origin-request',
  request: CloudFrontRequest,
  requestId: string,
): CloudFrontRequestEvent {
  return { Records: [{ cf: { config: eventConfig(eventType, requestId), request: structuredClone(request) } }] };
}

/** An origin-response or viewer-response event: the request as sent and the response without its body. */
export function responseEvent(
  eventType: 'origin-response' | 'viewer-response',
  request: CloudFrontRequest,
  response: CloudFrontResponse,
  requestId: string,
): CloudFrontResponseEvent {
  return {
    Records: [
      { cf: { config: eventConfig(eventType, requestId), request: structuredClone(request), response: structuredClone(response) } },
    ],
  };
}

/** The `origin` field of an origin-request event for an S3 origin. */
export function s3Origin(bucketName: string, region = 'us-east-1'): NonNullable<CloudFrontRequest['origin']> {
  return {
    s3: {
      authMethod: 'origin-access-identity',
      customHeaders: {},
      domainName: `${bucketName}.s3.${region}.amazonaws.com`,
      path: '',
      region,
    },
  };
}

/** Node header object → CloudFront headers (lowercase key, {key, value} entries). */
export function fromNodeHeaders(headers: Readonly<Record<string, string | number | readonly string[] | undefined>>): CloudFrontHeaders {
  const out: CloudFrontHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    out[key] = (Array.isArray(value) ? value : [String(value)]).map((v: string) => ({ key: name, value: v }));
  }
  return out;
}

export const headerValue = (headers: CloudFrontHeaders | undefined, name: string): string | undefined => headers?.[name]?.[0]?.value;

/** A function result is a generated response when it carries a status, as CloudFront decides. */
export function isGeneratedResponse(result: unknown): result is CloudFrontResultResponse {
  return typeof result === 'object' && result !== null && 'status' in result;
}

export function isForwardedRequest(result: unknown): result is CloudFrontRequest {
  return (
    typeof result === 'object' &&
    result !== null &&
    typeof (result as { uri?: unknown }).uri === 'string' &&
    (result as { uri: string }).uri.startsWith('/')
  );
}

/** Flattens CloudFront headers for Node's writeHead, keeping repeated values. */
export function toNodeHeaders(headers: CloudFrontHeaders | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, entries] of Object.entries(headers ?? {})) {
    for (const entry of entries) (out[name] ??= []).push(entry.value);
  }
  return out;
}
