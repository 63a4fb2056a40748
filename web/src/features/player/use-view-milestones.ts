import { useEffect, useEffectEvent, useRef } from 'react';
import { useDispatch } from 'react-redux';
import { describeApiError } from '../../shared/api/api-error';
import { usePlayerSelector } from './hooks';
import { beaconViewEvents } from './leave-requests';
import { useSendViewEventMutation, type ViewEvent } from './playerApi';
import { milestoneSent, selectDueMilestones, selectPlayer } from './playerSlice';
import { usePageLeave } from './use-page-leave';
import type { ViewMilestone } from './view-milestones';

/**
 * Reports each view milestone (start, 25, 50, 75, complete) once per play, as it is reached. One
 * the API did not take is sent again as a beacon when the viewer leaves; signed out, none is sent.
 */
export function useViewMilestones(workoutId: string): void {
  const dispatch = useDispatch();
  const player = usePlayerSelector(selectPlayer);
  const due = usePlayerSelector(selectDueMilestones);
  const [sendViewEvent] = useSendViewEventMutation();
  const unsent = useRef<ViewEvent[]>([]);

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
      sendViewEvent(body)
        .unwrap()
        .catch((error: Parameters<typeof describeApiError>[0]) => {
          // Signed out, a beacon on leave would be refused too.
          if (describeApiError(error)?.kind !== 'unauthorized') unsent.current.push(body);
        });
    }
  });
  useEffect(() => {
    if (due.length > 0) send(due);
  }, [due]);

  usePageLeave(() => beaconViewEvents(unsent.current.splice(0)));
}
