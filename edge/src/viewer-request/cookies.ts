import type { CloudFrontHeaders } from 'aws-lambda';
import { headerValues } from '../shared/headers';

/**
 * Every value of cookie `name` across all `Cookie` headers (CloudFront may pass several).
 * Returning all of them lets the caller refuse a request that carries the cookie twice, the
 * usual shape of a cookie-tossing attack from a sibling subdomain.
 */
export function cookieValues(headers: CloudFrontHeaders | undefined, name: string): string[] {
  const out: string[] = [];
  for (const line of headerValues(headers, 'cookie')) {
    for (const pair of line.split(';')) {
      const eq = pair.indexOf('=');
      if (eq === -1) continue;
      if (pair.slice(0, eq).trim() === name) out.push(pair.slice(eq + 1).trim());
    }
  }
  return out;
}
