import { useEffect, useRef } from 'react';
import type { DpadController, DpadOptions } from './dpad';

/**
 * D-pad navigation on TV pages: installs the controller (loaded on demand, so web pages never
 * download it) and puts focus on the page's primary action on load and after each client-side
 * navigation. `options` must be stable (a module constant): a new object reinstalls.
 */
export function useDpad(enabled: boolean, pathname: string, options: DpadOptions): void {
  const controller = useRef<DpadController | null>(null);

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    import('./dpad').then(
      ({ createDpad }) => {
        if (cancelled) return;
        controller.current = createDpad(document, options);
        controller.current.focusPrimarySoon();
      },
      // The chunk did not load (offline): the page still works with a keyboard's Tab and Enter.
      () => undefined,
    );
    return () => {
      cancelled = true;
      controller.current?.dispose();
      controller.current = null;
    };
  }, [enabled, options]);

  useEffect(() => {
    // The first page's focus is placed once the controller loads (above).
    controller.current?.focusPrimarySoon();
  }, [pathname]);
}
