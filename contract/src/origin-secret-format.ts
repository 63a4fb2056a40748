/**
 * The origin-verify secret's value, the same on AWS (a Secrets Manager secret) and locally
 * (`.stride/keys/origin-verify.json`): JSON `{"current": "...", "previous": "..."}`. CloudFront
 * sends `current`; the API accepts both, so a rotation (previous ← current, current ← new, then a
 * deploy of the distribution) never refuses CloudFront's requests in between.
 */
export interface OriginSecretValue {
  readonly current: string;
  readonly previous?: string;
}

/** The smallest value accepted: 16 characters (a generated one is 43: 32 random bytes, base64url). */
export const ORIGIN_SECRET_MIN_LENGTH = 16;

/** Parses the secret's JSON into the values the API accepts, current first; throws naming what is wrong. */
export function parseOriginSecret(text: string, where: string): readonly string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${where} is not JSON; it must be {"current": "<secret>", "previous": "<secret>"}`);
  }
  const v = value as Partial<Record<'current' | 'previous', unknown>>;
  if (typeof value !== 'object' || value === null || typeof v.current !== 'string' || v.current.length < ORIGIN_SECRET_MIN_LENGTH) {
    throw new Error(`${where}: "current" must be a string of at least ${ORIGIN_SECRET_MIN_LENGTH} characters`);
  }
  if (v.previous !== undefined && (typeof v.previous !== 'string' || v.previous.length < ORIGIN_SECRET_MIN_LENGTH)) {
    throw new Error(`${where}: "previous", when present, must be a string of at least ${ORIGIN_SECRET_MIN_LENGTH} characters`);
  }
  return v.previous === undefined ? [v.current] : [v.current, v.previous];
}
