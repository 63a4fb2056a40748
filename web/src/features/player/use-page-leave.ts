import { useEffect, useEffectEvent } from 'react';

/**
 * Calls `onLeave` when the viewer leaves: the tab closes (pagehide) or goes to the background
 * (visibilitychange to hidden, the last event a mobile browser reliably sends), or the component
 * unmounts (navigating away inside the app). It may run more than once per visit; what it sends
 * must tolerate that. The latest `onLeave` is called, with the values of the last render.
 */
export function usePageLeave(onLeave: () => void): void {
  const leave = useEffectEvent(onLeave);
  useEffect(() => {
    const onPageHide = () => leave();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') leave();
    };
    window.addEventListener('pagehide', onPageHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      document.removeEventListener('visibilitychange', onVisibility);
      leave();
    };
  }, []);
}
