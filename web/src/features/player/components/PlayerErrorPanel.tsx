import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { loginPathForWatch } from '../../../shared/routing/watch-path';
import type { PlaybackFailure } from '../recovery-policy';
import { failureMessage, type FailureWay } from './failure-messages';

export interface PlayerErrorPanelProps {
  readonly failure: PlaybackFailure;
  /** With `not-launched`: when the program launches (ISO 8601). */
  readonly availableAt?: string | null;
  readonly workoutId: string;
  readonly onRetry: () => void;
}

const pathOf = (way: FailureWay, workoutId: string): string => {
  switch (way) {
    case 'sign-in':
      return loginPathForWatch(workoutId);
    case 'account':
      return '/account';
    case 'programs':
      return '/';
  }
};

/** Replaces the picture when playback is refused or gave up: names the cause and offers the way forward. */
export function PlayerErrorPanel({ failure, availableAt, workoutId, onRetry }: PlayerErrorPanelProps) {
  const panelRef = useRef<HTMLDivElement>(null);
  const { title, body, way, retry, primary } = failureMessage(failure, availableAt);
  const focusOnWay = way !== undefined && (primary === 'way' || !retry);
  // Keyboard and remote users land on the primary action, not somewhere behind the overlay.
  useEffect(() => panelRef.current?.querySelector<HTMLElement>('[data-tv-primary]')?.focus(), [failure]);
  // data-tv-primary also tells a TV page's D-pad where to start should focus be lost (see the layout).
  const primaryMark = { 'data-tv-primary': '' };

  return (
    <div ref={panelRef} className="player__error" role="alert" data-failure={failure}>
      <h2 className="player__error-title">{title}</h2>
      <p>{body}</p>
      <div className="player__error-actions">
        {way && (
          <Link className="button" to={pathOf(way.to, workoutId)} {...(focusOnWay ? primaryMark : {})}>
            {way.label}
          </Link>
        )}
        {retry && (
          <button type="button" className="button button--secondary" onClick={onRetry} {...(focusOnWay ? {} : primaryMark)}>
            Retry
          </button>
        )}
      </div>
    </div>
  );
}
