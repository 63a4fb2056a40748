import { useCallback, useEffect, useState, type RefObject } from 'react';

export interface Fullscreen {
  /** The player (its container) is full screen now. */
  readonly fullscreen: boolean;
  readonly toggleFullscreen: () => void;
}

/** Full screen for the player's container (controls included), or for the video alone where that is all a browser allows. */
export function useFullscreen(containerRef: RefObject<HTMLElement | null>, videoRef: RefObject<HTMLVideoElement | null>): Fullscreen {
  const [fullscreen, setFullscreen] = useState(false);
  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement === containerRef.current);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [containerRef]);

  const toggleFullscreen = useCallback(() => {
    const container = containerRef.current;
    const video = videoRef.current as (HTMLVideoElement & { webkitEnterFullscreen?: () => void }) | null;
    if (document.fullscreenElement) void document.exitFullscreen();
    else if (container?.requestFullscreen) void container.requestFullscreen().catch(() => undefined);
    // iOS Safari: only the video element itself can go full screen.
    else video?.webkitEnterFullscreen?.();
  }, [containerRef, videoRef]);

  return { fullscreen, toggleFullscreen };
}
