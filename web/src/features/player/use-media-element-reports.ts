import { useMemo, type VideoHTMLAttributes } from 'react';
import { useDispatch } from 'react-redux';
import { durationKnown, seeked, statusChanged, timeUpdated, volumeChanged } from './playerSlice';

export type MediaElementHandlers = Required<
  Pick<
    VideoHTMLAttributes<HTMLVideoElement>,
    'onPlaying' | 'onPause' | 'onWaiting' | 'onCanPlay' | 'onEnded' | 'onTimeUpdate' | 'onSeeking' | 'onDurationChange' | 'onVolumeChange'
  >
>;

/**
 * The <video> element's events, reported to the slice: what it is doing (playing, paused,
 * buffering, ended), where it is, how long the stream is, and the volume. `onPlaying` hears each
 * start of playback too (the recovery's "healthy again").
 */
export function useMediaElementReports(onPlaying: () => void): MediaElementHandlers {
  const dispatch = useDispatch();
  return useMemo(
    () => ({
      onPlaying: () => {
        onPlaying();
        dispatch(statusChanged('playing'));
      },
      onPause: () => dispatch(statusChanged('paused')),
      onWaiting: () => dispatch(statusChanged('buffering')),
      // Paused and ready (after a seek, or autoplay refused): not buffering any more.
      onCanPlay: (event) => {
        if (event.currentTarget.paused) dispatch(statusChanged('paused'));
      },
      onEnded: () => dispatch(statusChanged('ended')),
      onTimeUpdate: (event) => dispatch(timeUpdated(event.currentTarget.currentTime)),
      onSeeking: (event) => dispatch(seeked(event.currentTarget.currentTime)),
      onDurationChange: (event) => dispatch(durationKnown(event.currentTarget.duration)),
      onVolumeChange: (event) => dispatch(volumeChanged({ volume: event.currentTarget.volume, muted: event.currentTarget.muted })),
    }),
    [dispatch, onPlaying],
  );
}
