import type { ThunkDispatch, UnknownAction } from '@reduxjs/toolkit';
import { describe, expect, it } from 'vitest';
import { playerApi, type PlaybackGrant } from '../../features/player';
import { installApiFeatures } from '../api-features';
import { pageTitle } from '../page-title';
import { makeStore } from '../store';
import { watchHandle } from './watch';

const grant: PlaybackGrant = {
  workoutId: 'w-hiit30-01',
  hlsUrl: '/media/sample-hiit/master.m3u8',
  expiresAt: '2026-11-22T23:00:00Z',
  workout: { id: 'w-hiit30-01', title: 'Tabata Foundations', durationSec: 1500, programSlug: 'hiit-30', programTitle: 'HIIT 30' },
};

// The app's store types the lazily injected `/api` state as optional; RTK Query's cache
// utilities are typed for a store that always has it.
type ApiState = Parameters<ReturnType<typeof playerApi.endpoints.getPlayback.select>>[0];
const dispatchTo = (store: ReturnType<typeof makeStore>) => store.dispatch as ThunkDispatch<ApiState, unknown, UnknownAction>;

describe('the /watch page title', () => {
  it('says "Player" while the /api state is not there (the shared prerendered shell)', () => {
    const store = makeStore();
    expect(watchHandle.title(store.getState(), { id: 'w-hiit30-01' })).toBe('Player');
  });

  it('names the workout once its playback answer is in, and only that workout', async () => {
    installApiFeatures();
    const store = makeStore();
    expect(pageTitle([{ handle: watchHandle, params: { id: 'w-hiit30-01' } }], store.getState())).toBe('Player · Stride');
    await dispatchTo(store)(playerApi.util.upsertQueryData('getPlayback', 'w-hiit30-01', grant));
    expect(pageTitle([{ handle: watchHandle, params: { id: 'w-hiit30-01' } }], store.getState())).toBe('Tabata Foundations · Stride');
    expect(watchHandle.title(store.getState(), { id: 'w-hiit30-02' })).toBe('Player');
  });

  it('an answer from an API without the workout block keeps "Player"', async () => {
    installApiFeatures();
    const store = makeStore();
    const { workout: _omitted, ...older } = grant;
    await dispatchTo(store)(playerApi.util.upsertQueryData('getPlayback', 'w-hiit30-01', older));
    expect(watchHandle.title(store.getState(), { id: 'w-hiit30-01' })).toBe('Player');
  });
});
