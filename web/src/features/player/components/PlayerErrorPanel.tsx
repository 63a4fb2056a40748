import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { loginPathForWatch } from '../../../shared/routing/watch-path';
import type { PlaybackFailure } from '../recovery-policy';
import { failureMessages } from './failure-messages';

export interface PlayerErrorPanelProps {
  readonly failure: PlaybackFailure;
  readonly workoutId: string;
  readonly onRetry: () => void;
}

/** Replaces the picture when playback gave up: names the cause and offers the way forward. */
export function PlayerErrorPanel({ failure, workoutId, onRetry }: PlayerErrorPanelProps) {
  const retryRef = useRef<HTMLButtonElement>(null);
  const { title, body } = failureMessages[failure];
  // Keyboard and remote users land on the action, not somewhere behind the overlay.
  useEffect(() => retryRef.current?.focus(), [failure]);

  return (
    <div className="player__error" role="alert" data-failure={failure}>
      <h2 className="player__error-title">{title}</h2>
      <p>{body}</p>
      <div className="player__error-actions">
        {failure === 'signed-out' && (
          <Link className="button" to={loginPathForWatch(workoutId)}>
            Sign in
          </Link>
        )}
        {failure === 'no-subscription' && (
          <Link className="button" to="/account">
            See your account
          </Link>
        )}
        <button ref={retryRef} type="button" className="button button--secondary" onClick={onRetry}>
          Retry
        </button>
      </div>
    </div>
  );
}
