import { useCallback, useEffect } from 'react';
import { useDispatch } from 'react-redux';
import { describeApiError } from '../../shared/api/api-error';
import { EARLY_GRANT_MAX_AGE_SEC } from './early-start';
import { useGetPlaybackQuery, type PlaybackGrant } from './playerApi';
import { authorizationFailed } from './playerSlice';

export interface PlaybackGrantState {
  /** The API's answer: where the stream is, and which workout it is. */
  readonly grant: PlaybackGrant | undefined;
  /** Asks the API again (fresh media cookies, or a changed subscription); resolves to whether it granted. */
  readonly reauthorize: () => Promise<boolean>;
}

/**
 * Asks the API whether this viewer may play the workout now. A refusal (after the API client's
 * own retries) goes to the slice with its status, reason and launch instant, which names the
 * cause, or, mid-play and signed out, turns it into the non-blocking notice.
 */
export function usePlaybackGrant(workoutId: string): PlaybackGrantState {
  const dispatch = useDispatch();
  // A fresh answer on every visit, except the one asked for while this page loaded (early-start.ts).
  const query = useGetPlaybackQuery(workoutId, { refetchOnMountOrArgChange: EARLY_GRANT_MAX_AGE_SEC });
  const { kind, status, reason, availableAt } = describeApiError(query.error) ?? {};
  useEffect(() => {
    if (query.isError && kind) dispatch(authorizationFailed({ kind, status, reason, availableAt }));
  }, [dispatch, query.isError, kind, status, reason, availableAt]);

  const { refetch } = query;
  const reauthorize = useCallback(async () => !(await refetch()).isError, [refetch]);
  return { grant: query.data, reauthorize };
}
