import { useSyncExternalStore } from 'react';

const subscribe = () => () => undefined;

/**
 * False while rendering on the server and during hydration, true afterwards. Components that
 * render per-viewer or per-URL content a prerendered shell cannot know use it to keep the first
 * client render identical to the static HTML (no hydration mismatch), then re-render.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
