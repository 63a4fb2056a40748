import { useCallback, useEffect, useRef, useState } from 'react';

/** Controls fade after this long without pointer, touch or key activity while playing. */
export const CONTROLS_HIDE_AFTER_MS = 3_000;

/**
 * Whether the controls are shown: always while not playing, and for a few seconds after any
 * activity while playing. `poke` is called from event handlers (mouse move, key, focus).
 */
export function useAutoHide(playing: boolean): { readonly visible: boolean; readonly poke: () => void } {
  const [recentlyActive, setRecentlyActive] = useState(true);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const schedule = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setRecentlyActive(false), CONTROLS_HIDE_AFTER_MS);
  }, []);

  const poke = useCallback(() => {
    setRecentlyActive(true);
    schedule();
  }, [schedule]);

  useEffect(() => {
    if (playing) schedule();
    return () => clearTimeout(timer.current);
  }, [playing, schedule]);

  return { visible: !playing || recentlyActive, poke };
}
