import { configureStore } from '@reduxjs/toolkit';
import { describe, expect, it } from 'vitest';
import { apiUnauthorized } from '../../shared/api/auth-events';
import {
  authorizationFailed,
  captionsToggled,
  durationKnown,
  failed,
  levelsLoaded,
  milestoneSent,
  playClosed,
  playerSlice,
  playOpened,
  qualityChosen,
  reloadRequested,
  resumePointKept,
  retryStarted,
  seeked,
  selectDueMilestones,
  selectPlayer,
  selectResumePoint,
  selectSignedOutNotice,
  statusChanged,
  timeUpdated,
  volumeChanged,
} from './playerSlice';

const makeStore = () => configureStore({ reducer: { player: playerSlice.reducer } });

/** Plays from the current position to `to` in 0.25 s time updates. */
function playTo(store: ReturnType<typeof makeStore>, to: number) {
  for (let t = store.getState().player.positionSec + 0.25; t <= to + 1e-9; t += 0.25) store.dispatch(timeUpdated(t));
}

describe('player slice', () => {
  it('opens a play authorizing, and keeps preferences across plays', () => {
    const store = makeStore();
    store.dispatch(captionsToggled(true));
    store.dispatch(volumeChanged({ volume: 0.4, muted: true }));
    store.dispatch(playOpened({ workoutId: 'w-a', playId: 'p1' }));
    expect(selectPlayer(store.getState()).status).toBe('authorizing');
    store.dispatch(playClosed());
    store.dispatch(playOpened({ workoutId: 'w-b', playId: 'p2' }));
    const p = selectPlayer(store.getState());
    expect(p).toMatchObject({ workoutId: 'w-b', playId: 'p2', captionsOn: true, volume: 0.4, muted: true, milestonesSent: [] });
  });

  it('counts only stretches played while playing, not seeks or buffering', () => {
    const store = makeStore();
    store.dispatch(playOpened({ workoutId: 'w-a', playId: 'p1' }));
    store.dispatch(durationKnown(24));
    store.dispatch(statusChanged('playing'));
    playTo(store, 6);
    store.dispatch(seeked(18));
    playTo(store, 24);
    expect(selectPlayer(store.getState()).playedSpans).toEqual([
      [0, 6],
      [18, 24],
    ]);
    store.dispatch(statusChanged('buffering'));
    store.dispatch(seeked(0));
    store.dispatch(timeUpdated(1));
    expect(selectPlayer(store.getState()).playedSpans).toEqual([
      [0, 6],
      [18, 24],
    ]);
  });

  it('makes view milestones due as the stream is watched, once each', () => {
    const store = makeStore();
    store.dispatch(playOpened({ workoutId: 'w-a', playId: 'p1' }));
    store.dispatch(durationKnown(24));
    expect(selectDueMilestones(store.getState())).toEqual([]);
    store.dispatch(statusChanged('playing'));
    expect(selectDueMilestones(store.getState())).toEqual(['start']);
    store.dispatch(milestoneSent('start'));
    playTo(store, 12.5);
    expect(selectDueMilestones(store.getState())).toEqual(['25', '50']);
    store.dispatch(milestoneSent('25'));
    store.dispatch(milestoneSent('50'));
    playTo(store, 24);
    store.dispatch(statusChanged('ended'));
    expect(selectDueMilestones(store.getState())).toEqual(['75', 'complete']);
    // The same state gives the same array: components re-render only when it changes.
    expect(selectDueMilestones(store.getState())).toBe(selectDueMilestones(store.getState()));
  });

  it('a failure sticks until Retry, which reloads', () => {
    const store = makeStore();
    store.dispatch(playOpened({ workoutId: 'w-a', playId: 'p1' }));
    store.dispatch(failed('unavailable'));
    store.dispatch(statusChanged('playing'));
    expect(selectPlayer(store.getState())).toMatchObject({ status: 'error', failure: 'unavailable' });
    const generation = selectPlayer(store.getState()).loadGeneration;
    store.dispatch(retryStarted());
    expect(selectPlayer(store.getState()).status).toBe('authorizing');
    store.dispatch(reloadRequested());
    expect(selectPlayer(store.getState())).toMatchObject({ failure: null, status: 'authorizing', loadGeneration: generation + 1 });
  });

  it('orders quality levels highest first and falls back to auto for an unknown choice', () => {
    const store = makeStore();
    store.dispatch(
      levelsLoaded([
        { index: 0, height: 240, bitrate: 145_000 },
        { index: 1, height: 480, bitrate: 299_000 },
      ]),
    );
    expect(selectPlayer(store.getState()).levels.map((l) => l.height)).toEqual([480, 240]);
    store.dispatch(qualityChosen(1));
    expect(selectPlayer(store.getState()).quality).toBe(1);
    store.dispatch(qualityChosen(7));
    expect(selectPlayer(store.getState()).quality).toBe(-1);
  });

  it('clamps the volume and keeps resume points per workout across plays', () => {
    const store = makeStore();
    store.dispatch(volumeChanged({ volume: 3, muted: false }));
    expect(selectPlayer(store.getState()).volume).toBe(1);
    store.dispatch(resumePointKept({ workoutId: 'w-a', positionSec: 12, durationSec: 24 }));
    store.dispatch(playClosed());
    expect(selectResumePoint(store.getState(), 'w-a')).toEqual({ positionSec: 12, durationSec: 24 });
    expect(selectResumePoint(store.getState(), 'w-b')).toBeUndefined();
  });

  it('keeps the launch instant of a not-launched refusal, and only until the next try', () => {
    const store = makeStore();
    store.dispatch(playOpened({ workoutId: 'w-a', playId: 'p1' }));
    store.dispatch(
      authorizationFailed({ kind: 'forbidden', status: 403, reason: 'not-launched', availableAt: '2027-02-01T00:00:00.000Z' }),
    );
    expect(selectPlayer(store.getState())).toMatchObject({
      status: 'error',
      failure: 'not-launched',
      availableAt: '2027-02-01T00:00:00.000Z',
    });
    store.dispatch(retryStarted());
    expect(selectPlayer(store.getState())).toMatchObject({ status: 'authorizing', failure: null, availableAt: null });
    // Another refusal carries no launch instant, even if the body had one.
    store.dispatch(authorizationFailed({ kind: 'request', status: 451, reason: 'unlicensed', availableAt: '2027-02-01T00:00:00.000Z' }));
    expect(selectPlayer(store.getState())).toMatchObject({ failure: 'unlicensed', availableAt: null });
  });

  describe('the session ending mid-play', () => {
    const playing = () => {
      const store = makeStore();
      store.dispatch(playOpened({ workoutId: 'w-a', playId: 'p1' }));
      store.dispatch(durationKnown(24));
      store.dispatch(statusChanged('playing'));
      playTo(store, 8);
      return store;
    };

    it('a 401 to a save while playing raises the notice and lets the picture play on', () => {
      const store = playing();
      expect(selectSignedOutNotice(store.getState())).toBe(false);
      store.dispatch(apiUnauthorized({ endpoint: 'saveProgress' }));
      expect(selectSignedOutNotice(store.getState())).toBe(true);
      expect(selectPlayer(store.getState())).toMatchObject({ sessionLost: true, status: 'playing', failure: null });
      store.dispatch(statusChanged('paused'));
      expect(selectSignedOutNotice(store.getState())).toBe(true);
    });

    it('a re-authorization refused with 401 mid-play is the notice, not the error panel', () => {
      const store = playing();
      store.dispatch(statusChanged('recovering'));
      store.dispatch(authorizationFailed({ kind: 'unauthorized', status: 401, reason: 'signed-out' }));
      expect(selectPlayer(store.getState())).toMatchObject({ sessionLost: true, status: 'recovering', failure: null });
      // Any other refusal still stops playback with its cause.
      store.dispatch(authorizationFailed({ kind: 'forbidden', status: 403, reason: 'subscription-required' }));
      expect(selectPlayer(store.getState())).toMatchObject({ status: 'error', failure: 'subscription-required' });
      // The blocking panel has its own sign-in link: no second message beside it.
      expect(selectSignedOutNotice(store.getState())).toBe(false);
    });

    it('before the first frame, a 401 is the signed-out panel and no notice', () => {
      const store = makeStore();
      store.dispatch(playOpened({ workoutId: 'w-a', playId: 'p1' }));
      store.dispatch(apiUnauthorized({ endpoint: 'getPlayback' }));
      store.dispatch(authorizationFailed({ kind: 'unauthorized', status: 401 }));
      expect(selectPlayer(store.getState())).toMatchObject({ sessionLost: false, status: 'error', failure: 'signed-out' });
      expect(selectSignedOutNotice(store.getState())).toBe(false);
    });

    it('a 401 with no play open is none of the player’s business', () => {
      const store = makeStore();
      store.dispatch(apiUnauthorized({ endpoint: 'getMe' }));
      expect(selectPlayer(store.getState()).sessionLost).toBe(false);
    });

    it('the next play (after signing in again) starts clear, at the position this tab kept', () => {
      const store = playing();
      store.dispatch(resumePointKept({ workoutId: 'w-a', positionSec: 8, durationSec: 24 }));
      store.dispatch(apiUnauthorized({ endpoint: 'saveProgress' }));
      store.dispatch(playClosed());
      store.dispatch(playOpened({ workoutId: 'w-a', playId: 'p2' }));
      expect(selectPlayer(store.getState()).sessionLost).toBe(false);
      expect(selectSignedOutNotice(store.getState())).toBe(false);
      expect(selectResumePoint(store.getState(), 'w-a')).toEqual({ positionSec: 8, durationSec: 24 });
    });
  });
});
