import { useEffect, useEffectEvent } from 'react';
import { useDispatch } from 'react-redux';
import { PROGRESS_LISTS_TAG } from '../../shared/api/progressApi';
import { strideApi } from '../../shared/api/strideApi';
import { pageOutbox } from '../../shared/outbox';
import { usePlayerSelector } from './hooks';
import { saveProgressOnLeave } from './leave-requests';
import { progressSaved, resumePointKept, selectPlayer } from './playerSlice';
import { PROGRESS_SAVE_INTERVAL_MS, shouldSaveProgress } from './resume';
import { usePageLeave } from './use-page-leave';

/**
 * Saves where the viewer is: every 10 s while playing, whenever playback pauses or ends, and on
 * leaving (a keepalive request that outlives the page). Each save goes through the outbox, which
 * keeps it (across a reload or a closed tab) until a region acknowledges it. Each position is
 * also kept in this tab, so a viewer who signs in again resumes there; signed out, nothing is sent.
 */
export function useProgressSaving(workoutId: string): void {
  const dispatch = useDispatch();
  const player = usePlayerSelector(selectPlayer);

  function save(onLeave: boolean): void {
    if (!player.started || player.workoutId !== workoutId || !(player.durationSec > 0)) return;
    const positionSec = player.status === 'ended' ? player.durationSec : Math.floor(player.positionSec);
    if (!shouldSaveProgress(positionSec, player.lastSavedSec)) return;
    dispatch(progressSaved(positionSec));
    // Kept in this tab even when the API cannot take it: a viewer who signs in again resumes here.
    dispatch(resumePointKept({ workoutId, positionSec, durationSec: player.durationSec }));
    // Signed out, a save can only earn another 401: stop until a new play after sign-in.
    if (player.sessionLost) return;
    // savedAt: the API (and the outbox) keep the newest read position, whichever save arrives last.
    const write = { kind: 'progress', workoutId, positionSec, durationSec: Math.round(player.durationSec), savedAt: Date.now() } as const;
    if (onLeave) saveProgressOnLeave(write);
    else pageOutbox().add(write);
    // Not an RTK Query request, so "Continue watching" is invalidated by hand: asked again when shown.
    dispatch(strideApi.util.invalidateTags([PROGRESS_LISTS_TAG]));
  }

  const saveNow = useEffectEvent(() => save(false));
  const { status } = player;
  useEffect(() => {
    if (status === 'paused' || status === 'ended') saveNow();
    if (status !== 'playing') return;
    const timer = setInterval(() => saveNow(), PROGRESS_SAVE_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [status]);

  usePageLeave(() => save(true));
}
