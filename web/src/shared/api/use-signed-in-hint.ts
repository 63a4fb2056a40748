import { useHydrated } from '../ui/use-hydrated';
import { isSignedInHint } from './signed-in-hint';

/**
 * Whether this browser holds the signed-in hint, once hydrated: false on the server and in the
 * first client render (a prerendered page is the same for everyone), so hydration matches.
 */
export function useSignedInHint(): boolean {
  const hydrated = useHydrated();
  return hydrated && isSignedInHint(document.cookie);
}
