import { useMemo } from 'react';
import { pendingOutboxProgress } from '../../shared/outbox';
import { usePlayerSelector } from './hooks';
import { useGetProgressQuery } from './playerApi';
import { selectResumePoint } from './playerSlice';
import { newerPosition, resumePosition } from './resume';

export interface ResumePoint {
  /** The saved position has been asked for and answered (or failed): a first load may start. */
  readonly known: boolean;
  /** Where a first load starts: 0 unless the viewer watched a worthwhile part of it before. */
  readonly atSec: number;
}

/**
 * Where the viewer left this workout: the point this tab kept (a save sent on leaving may still
 * be in flight), else the newer of a position still waiting in the outbox (an earlier page's
 * save during an outage) and the API's saved progress.
 */
export function useResumePoint(workoutId: string): ResumePoint {
  const kept = usePlayerSelector((state) => selectResumePoint(state, workoutId));
  // Read once per workout: what an earlier page left (this page's own saves are `kept`).
  const pending = useMemo(() => pendingOutboxProgress(workoutId), [workoutId]);
  const progress = useGetProgressQuery(workoutId);
  const saved = kept ?? newerPosition(pending, progress.data);
  return { known: !progress.isLoading && !progress.isFetching, atSec: resumePosition(saved) };
}
