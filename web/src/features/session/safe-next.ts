// A throwaway origin: only used to ask the URL parser where a path would really lead.
const PROBE_ORIGIN = 'https://stride.invalid';

/**
 * The `next` of /login?next=… as a same-site path, or undefined when it is not one. Only a
 * relative path starting with a single "/" is accepted: "//evil.example" and "/\evil.example"
 * are protocol-relative to browsers, control characters are stripped by URL parsers (so
 * "/\t/evil.example" becomes "//evil.example"), and the parser itself must agree that the path
 * stays on this origin.
 */
export function safeNextPath(raw: string | null | undefined): string | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) return undefined;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return undefined;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is rejected here
  if (/[\u0000-\u001f\u007f]/.test(raw)) return undefined;
  let url: URL;
  try {
    url = new URL(raw, PROBE_ORIGIN);
  } catch {
    return undefined;
  }
  if (url.origin !== PROBE_ORIGIN) return undefined;
  // Going "next" to the login page again would only loop.
  if (url.pathname === '/login' || url.pathname === '/login/') return undefined;
  return raw;
}

/** The login URL that brings the viewer back to `path` afterwards. */
export function loginPathFor(path: string): string {
  const next = safeNextPath(path);
  return next ? `/login?next=${encodeURIComponent(next)}` : '/login';
}
