/**
 * Which paths need a session. This is edge policy, not web-build output: a page the web build
 * forgets to mark is still protected here, and the viewer-request checks the prefixes itself.
 */
export const PROTECTED_PREFIXES: readonly string[] = ['/watch', '/account'];

/** `/watch`, `/watch/…`, `/account`, `/account/…` (on a normalized, lowercase-compared path). */
export function isProtectedPath(path: string): boolean {
  const lower = path.toLowerCase();
  return PROTECTED_PREFIXES.some((prefix) => lower === prefix || lower.startsWith(`${prefix}/`));
}
