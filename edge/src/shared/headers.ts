import type { CloudFrontHeaders } from 'aws-lambda';

/** Every value of a header (CloudFront keys are lowercase); never assumes the header exists. */
export function headerValues(headers: CloudFrontHeaders | undefined, name: string): string[] {
  const entries = headers?.[name];
  if (!Array.isArray(entries)) return [];
  const out: string[] = [];
  for (const entry of entries) if (typeof entry?.value === 'string') out.push(entry.value);
  return out;
}

/** The first value of a header, or undefined (read in place: several of these run on every request). */
export function headerValue(headers: CloudFrontHeaders | undefined, name: string): string | undefined {
  const entries = headers?.[name];
  if (!Array.isArray(entries)) return undefined;
  for (const entry of entries) if (typeof entry?.value === 'string') return entry.value;
  return undefined;
}

/** One header entry in CloudFront's shape: lowercase key → [{ key, value }]. */
export function header(key: string, value: string): CloudFrontHeaders {
  return { [key.toLowerCase()]: [{ key, value }] };
}
