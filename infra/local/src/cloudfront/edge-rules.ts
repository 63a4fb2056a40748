import type { CloudFrontHeaders } from 'aws-lambda';
import type { EdgeEventType } from './distribution-config';

/** Headers a function may not add, change or remove, per event type (Lambda@Edge restrictions). */
export const READ_ONLY_HEADERS: Record<EdgeEventType, readonly string[]> = {
  'viewer-request': ['content-length', 'host', 'transfer-encoding', 'via'],
  'origin-request': [
    'accept-encoding',
    'content-length',
    'if-modified-since',
    'if-none-match',
    'if-range',
    'if-unmodified-since',
    'transfer-encoding',
    'via',
  ],
  'origin-response': ['transfer-encoding', 'via'],
  'viewer-response': ['content-encoding', 'content-length', 'transfer-encoding', 'warning', 'via'],
};

/** Headers no function may add or modify, in any event. */
const DISALLOWED = new Set([
  'connection',
  'expect',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'trailer',
  'upgrade',
  'x-accel-buffering',
  'x-accel-charset',
  'x-accel-limit-rate',
  'x-accel-redirect',
  'x-cache',
  'x-forwarded-proto',
  'x-real-ip',
]);
const DISALLOWED_PREFIXES = ['x-amz-cf-', 'x-edge-'];

/** Lambda@Edge's size limits for a response a function generates (body plus headers). */
export const GENERATED_RESPONSE_LIMIT: Record<'viewer' | 'origin', number> = { viewer: 40 * 1024, origin: 1024 * 1024 };

export class EdgeValidationError extends Error {
  override name = 'EdgeValidationError';
}

const isDisallowed = (name: string) => DISALLOWED.has(name) || DISALLOWED_PREFIXES.some((p) => name.startsWith(p));
const valuesOf = (headers: CloudFrontHeaders | undefined, name: string) => JSON.stringify((headers?.[name] ?? []).map((e) => e.value));

/** Throws, naming the header, when a function's headers break the rules for its event. */
export function checkHeaders(eventType: EdgeEventType, before: CloudFrontHeaders | undefined, after: CloudFrontHeaders | undefined): void {
  if (after !== undefined && (typeof after !== 'object' || after === null))
    throw new EdgeValidationError(`${eventType}: headers must be an object`);
  for (const [name, entries] of Object.entries(after ?? {})) {
    if (name !== name.toLowerCase()) throw new EdgeValidationError(`${eventType}: header key "${name}" must be lowercase`);
    if (!Array.isArray(entries) || entries.some((e) => typeof e?.value !== 'string'))
      throw new EdgeValidationError(`${eventType}: header "${name}" must be a list of {key, value} with string values`);
  }
  const names = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const name of names) {
    const changed = valuesOf(before, name) !== valuesOf(after, name);
    if (!changed) continue;
    if (READ_ONLY_HEADERS[eventType].includes(name))
      throw new EdgeValidationError(`${eventType}: the function changed read-only header ${name}`);
    if (isDisallowed(name)) throw new EdgeValidationError(`${eventType}: the function set disallowed header ${name}`);
  }
}

/** Checks a generated response's shape and size; returns its body bytes. */
export function checkGeneratedResponse(
  eventType: EdgeEventType,
  response: { status?: unknown; body?: unknown; bodyEncoding?: unknown; headers?: CloudFrontHeaders },
): Buffer {
  const status = Number(response.status);
  if (!Number.isInteger(status) || status < 100 || status > 599)
    throw new EdgeValidationError(`${eventType}: status "${String(response.status)}" is not an HTTP status code`);
  checkHeaders(eventType, {}, response.headers);
  if (response.body !== undefined && typeof response.body !== 'string')
    throw new EdgeValidationError(`${eventType}: body must be a string`);
  if (response.bodyEncoding !== undefined && response.bodyEncoding !== 'text' && response.bodyEncoding !== 'base64')
    throw new EdgeValidationError(`${eventType}: bodyEncoding must be text or base64`);
  const body = Buffer.from(response.body ?? '', response.bodyEncoding === 'base64' ? 'base64' : 'utf8');
  const headerBytes = Object.values(response.headers ?? {})
    .flat()
    .reduce((n, e) => n + (e.key ?? '').length + e.value.length + 4, 0);
  const limit = GENERATED_RESPONSE_LIMIT[eventType.startsWith('viewer') ? 'viewer' : 'origin'];
  if (body.length + headerBytes > limit) {
    throw new EdgeValidationError(
      `${eventType}: generated response is ${body.length + headerBytes} bytes, over the ${limit / 1024} KB limit`,
    );
  }
  return body;
}
