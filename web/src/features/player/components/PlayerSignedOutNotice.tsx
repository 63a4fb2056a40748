import { Link } from 'react-router';
import { loginPathForWatch } from '../../../shared/routing/watch-path';

export interface PlayerSignedOutNoticeProps {
  readonly show: boolean;
  readonly workoutId: string;
}

/**
 * Says, without stopping the picture, that the session ended mid-play. The live region is always
 * in the page (empty until needed), so screen readers announce the message when it appears; focus
 * stays where the viewer has it. Signing in comes back to this workout, where this tab kept the
 * position.
 */
export function PlayerSignedOutNotice({ show, workoutId }: PlayerSignedOutNoticeProps) {
  return (
    <div role="status" className="player__notice-region">
      {show && (
        <p className="player__notice" data-notice="signed-out">
          You're signed out — sign in to keep your progress. <Link to={loginPathForWatch(workoutId)}>Sign in</Link>
        </p>
      )}
    </div>
  );
}
