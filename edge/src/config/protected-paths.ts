/**
 * Which paths need a session. This is edge policy, not web-build output: a page the web build
 * forgets to mark is still protected here, and the viewer-request checks the prefixes itself.
 */
export const PROTECTED_PREFIXES: readonly string[] = ['/watch', '/account'];

/** Each prefix with its `/`, built once rather than on every request. */
const PREFIX_DIRS: readonly (readonly [string, string])[] = PROTECTED_PREFIXES.map((prefix) => [prefix, `${prefix}/`]);

/** `/watch`, `/watch/…`, `/account`, `/account/…` (on a normalized, lowercase-compared path). */
export function isProtectedPath(path: string): boolean {
  const lower = path.toLowerCase();
  return PREFIX_DIRS.some(([prefix, dir]) => lower === prefix || lower.startsWith(dir));
}
