import { useEffect } from 'react';
import { useDispatch } from 'react-redux';
import { playClosed, playOpened } from './playerSlice';

const newPlayId = (): string =>
  typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** One play per mount: the view events of this visit share its id, and per-play state starts over. */
export function usePlay(workoutId: string): void {
  const dispatch = useDispatch();
  useEffect(() => {
    dispatch(playOpened({ workoutId, playId: newPlayId() }));
    return () => {
      dispatch(playClosed());
    };
  }, [dispatch, workoutId]);
}
