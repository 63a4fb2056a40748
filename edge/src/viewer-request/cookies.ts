import type { CloudFrontHeaders } from 'aws-lambda';
import { headerValues } from '../shared/headers';

/**
 * Every value of cookie `name` across all `Cookie` headers (CloudFront may pass several).
 * Returning all of them lets the caller refuse a request that carries the cookie twice, the
 * usual shape of a cookie-tossing attack from a sibling subdomain.
 *
 * Read in place with `indexOf` rather than `split(';')`: this runs on every protected request
 * (and again for the device cookie), so it builds no array of pairs and slices only the names
 * that could match and the values it returns. Each character is visited a bounded number of
 * times, so a hostile header (`a;a;a;…`) stays linear.
 */
export function cookieValues(headers: CloudFrontHeaders | undefined, name: string): string[] {
  const out: string[] = [];
  for (const line of headerValues(headers, 'cookie')) {
    let start = 0;
    // The first `=` at or after `start`; a pair without one is skipped, as before.
    let eq = line.indexOf('=');
    while (eq !== -1 && start < line.length) {
      let end = line.indexOf(';', start);
      if (end === -1) end = line.length;
      if (eq < end) {
        // A trimmed name is never longer than the text before its `=`: most pairs are ruled out without a slice.
        if (eq - start >= name.length && line.slice(start, eq).trim() === name) out.push(line.slice(eq + 1, end).trim());
      }
      start = end + 1;
      if (eq < start) eq = line.indexOf('=', start);
    }
  }
  return out;
}
