/** CloudFront accepts longer URIs, but no Stride page needs more than this. */
export const MAX_URI_LENGTH = 2048;

export type NormalizedUri =
  { readonly ok: true; readonly path: string } | { readonly ok: false; readonly status: 400 | 414; readonly reason: string };

// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f]/;
const STILL_ENCODED = /%[0-9a-f]{2}/i;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The shape of nearly every real request: `/` or non-empty segments of unreserved characters,
 * none starting with `.`, at most one trailing `/`. Such a URI has nothing to decode, no control
 * character, backslash, `.`/`..` segment or run of slashes, so every check below would pass and
 * return it unchanged; one regex answers instead of the decode and five scans.
 */
const ALREADY_NORMAL = /^(?:\/|(?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+\/?)$/;

/**
 * Decodes the URI exactly once and rejects what could climb out of the site or smuggle a second
 * decoding: `.`/`..` segments (plain or encoded), anything still percent-encoded after one decode
 * (double encoding), backslashes, NUL and other control characters. Runs of `/` collapse to one.
 * The result is the decoded path every later rule reads.
 */
export function normalizeUri(raw: string): NormalizedUri {
  if (raw.length > MAX_URI_LENGTH) return { ok: false, status: 414, reason: `the path is longer than ${MAX_URI_LENGTH} characters` };
  if (ALREADY_NORMAL.test(raw)) return { ok: true, path: raw };
  if (!raw.startsWith('/')) return { ok: false, status: 400, reason: 'the path must start with "/"' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { ok: false, status: 400, reason: 'the path has malformed percent-encoding' };
  }
  if (CONTROL.test(decoded)) return { ok: false, status: 400, reason: 'the path contains a control character' };
  if (decoded.includes('\\')) return { ok: false, status: 400, reason: 'the path contains a backslash' };
  if (STILL_ENCODED.test(decoded)) return { ok: false, status: 400, reason: 'the path is percent-encoded twice' };
  // A lone surrogate cannot be encoded back into a URI.
  if (LONE_SURROGATE.test(decoded)) return { ok: false, status: 400, reason: 'the path is not valid UTF-8' };
  const path = decoded.replace(/\/{2,}/g, '/');
  for (const segment of path.split('/')) {
    if (segment === '..' || segment === '.') return { ok: false, status: 400, reason: 'the path contains a "." or ".." segment' };
  }
  return { ok: true, path };
}

// RFC 3986 allows these in a path segment as they are; browsers send them unencoded.
const PCHAR_KEPT = /%(?:21|24|26|27|28|29|2A|2B|2C|3A|3B|3D|40)/g;

/**
 * Characters `encodeURIComponent` leaves alone, plus those PCHAR_KEPT restores, plus `/`: a path
 * made only of these encodes to itself. Page paths nearly always are, and this runs up to twice
 * per request (the canonical-form check, then the login redirect or pass-through).
 */
const ENCODES_TO_ITSELF = /^[A-Za-z0-9\-_.!~*'()$&+,:;=@/]*$/;

/** The URI form of a decoded path: each segment percent-encoded, so it decodes back to itself. */
export function encodePath(path: string): string {
  if (ENCODES_TO_ITSELF.test(path)) return path;
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(PCHAR_KEPT, decodeURIComponent))
    .join('/');
}

const UNSAFE_IN_QUERY = /[^\u0021-\u007e]|#/g;
const encoder = new TextEncoder();
const percentEncode = (ch: string): string =>
  Array.from(encoder.encode(ch), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

/**
 * A query string safe to put into a `Location` header: printable ASCII kept as the viewer sent
 * it, anything else (spaces, CR/LF, non-ASCII) percent-encoded so no header can be split.
 */
export function safeQuery(querystring: string): string {
  return querystring.replace(UNSAFE_IN_QUERY, percentEncode);
}
