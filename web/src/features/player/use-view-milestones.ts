import { useEffect, useEffectEvent } from 'react';
import { useDispatch } from 'react-redux';
import { pageOutbox } from '../../shared/outbox';
import { usePlayerSelector } from './hooks';
import { sendPendingWritesOnLeave } from './leave-requests';
import type { ViewEvent } from './playerApi';
import { milestoneSent, selectDueMilestones, selectPlayer } from './playerSlice';
import { usePageLeave } from './use-page-leave';
import type { ViewMilestone } from './view-milestones';

/**
 * Reports each view milestone (start, 25, 50, 75, complete) once per play, as it is reached,
 * through the outbox: kept until a region acknowledges it (through an outage, a reload, a closed
 * tab), and sent as a beacon if still waiting when the viewer leaves. Signed out, none is sent.
 */
export function useViewMilestones(workoutId: string): void {
  const dispatch = useDispatch();
  const player = usePlayerSelector(selectPlayer);
  const due = usePlayerSelector(selectDueMilestones);

  const send = useEffectEvent((milestones: readonly ViewMilestone[]) => {
    const { playId } = player;
    if (!playId || player.sessionLost) return;
    for (const event of milestones) {
      dispatch(milestoneSent(event));
      const body: ViewEvent = {
        workoutId,
        playId,
        event,
        positionSec: Math.floor(player.positionSec),
        durationSec: Math.round(player.durationSec),
        eventId: `${playId}:${event}`,
      };
      pageOutbox().add({ kind: 'view', event: body });
    }
  });
  useEffect(() => {
    if (due.length > 0) send(due);
  }, [due]);

  usePageLeave(sendPendingWritesOnLeave);
}
