// @vitest-environment happy-dom
import { act } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, type FakeApi } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { deliverPendingWrites, forgetPageOutbox } from '../../shared/outbox';
import { statusChanged, timeUpdated } from './playerSlice';
import { PROGRESS_SAVE_INTERVAL_MS } from './resume';
import { playingState } from './test-states';
import { useProgressSaving } from './use-progress-saving';

function ProgressSaving() {
  useProgressSaving('w-1');
  return null;
}

/** The saves sent, without `savedAt` (checked on its own below). */
const saves = (api: FakeApi, keepalive = false) =>
  api
    .callsTo('PUT', '/api/progress/w-1')
    .filter((call) => call.keepalive === keepalive)
    .map((call) => {
      const { savedAt: _savedAt, ...save } = call.body as { savedAt?: number };
      return save;
    });
const savedAts = (api: FakeApi) => api.callsTo('PUT', '/api/progress/w-1').map((call) => (call.body as { savedAt?: number }).savedAt);
const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

describe('useProgressSaving', () => {
  let api: FakeApi;
  beforeEach(() => {
    vi.useFakeTimers();
    api = installFakeApi((call) => (call.method === 'PUT' ? { status: 204 } : undefined));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves the whole seconds every 10 s while playing, and not before', async () => {
    const { store } = renderWithProviders(<ProgressSaving />, { preloadedState: playingState({ positionSec: 30.7 }) });
    await advance(PROGRESS_SAVE_INTERVAL_MS - 1);
    expect(saves(api)).toEqual([]);
    await advance(1);
    expect(saves(api)).toEqual([{ positionSec: 30, durationSec: 600 }]);
    act(() => store.dispatch(timeUpdated(42.2)));
    await advance(PROGRESS_SAVE_INTERVAL_MS);
    expect(saves(api)).toEqual([
      { positionSec: 30, durationSec: 600 },
      { positionSec: 42, durationSec: 600 },
    ]);
    expect(store.getState().player?.lastSavedSec).toBe(42);
  });

  it('stamps each save with the moment the position was read, so the API keeps the newest', async () => {
    vi.setSystemTime(1_800_000_000_000);
    renderWithProviders(<ProgressSaving />, { preloadedState: playingState({ positionSec: 30.7 }) });
    await advance(PROGRESS_SAVE_INTERVAL_MS);
    await advance(PROGRESS_SAVE_INTERVAL_MS);
    const stamps = savedAts(api);
    expect(stamps.length).toBeGreaterThan(0);
    expect(stamps[0]).toBe(1_800_000_000_000 + PROGRESS_SAVE_INTERVAL_MS);
    expect([...stamps].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(stamps);
  });

  it('saves at once when playback pauses, and the end as the whole workout when it ends', async () => {
    const { store } = renderWithProviders(<ProgressSaving />, { preloadedState: playingState() });
    act(() => store.dispatch(statusChanged('paused')));
    await advance(0);
    expect(saves(api)).toEqual([{ positionSec: 30, durationSec: 600 }]);
    // Paused, the clock stops: no save every 10 s of nothing.
    await advance(3 * PROGRESS_SAVE_INTERVAL_MS);
    expect(saves(api)).toHaveLength(1);
    act(() => store.dispatch(statusChanged('ended')));
    await advance(0);
    expect(saves(api)).toEqual([
      { positionSec: 30, durationSec: 600 },
      { positionSec: 600, durationSec: 600 },
    ]);
  });

  it('does not send a position that has not moved a second since the last save', async () => {
    const { store } = renderWithProviders(<ProgressSaving />, { preloadedState: playingState({ lastSavedSec: 30 }) });
    act(() => store.dispatch(timeUpdated(30.9)));
    await advance(PROGRESS_SAVE_INTERVAL_MS);
    expect(saves(api)).toEqual([]);
  });

  it.each([
    ['the tab is closed', () => window.dispatchEvent(new Event('pagehide'))],
    [
      'the tab goes to the background',
      () => {
        vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
        document.dispatchEvent(new Event('visibilitychange'));
      },
    ],
  ])('saves with a request that outlives the page when %s', async (_when, leave) => {
    renderWithProviders(<ProgressSaving />, { preloadedState: playingState({ positionSec: 75.5 }) });
    act(leave);
    await advance(0);
    expect(saves(api, true)).toEqual([{ positionSec: 75, durationSec: 600 }]);
    expect(saves(api)).toEqual([]);
  });

  it('saves on leaving the player for another page of the app', async () => {
    const { unmount } = renderWithProviders(<ProgressSaving />, { preloadedState: playingState({ positionSec: 75 }) });
    unmount();
    await advance(0);
    expect(saves(api, true)).toEqual([{ positionSec: 75, durationSec: 600 }]);
  });

  it('saves nothing before the first frame', async () => {
    renderWithProviders(<ProgressSaving />, { preloadedState: playingState({ started: false, status: 'loading' }) });
    await advance(PROGRESS_SAVE_INTERVAL_MS);
    window.dispatchEvent(new Event('pagehide'));
    await advance(0);
    expect(api.calls).toEqual([]);
  });

  it("sends a save the default path answers 500 to the secondary's pinned path, and the leave save there too", async () => {
    api = installFakeApi((call) =>
      call.method !== 'PUT' ? undefined : call.path.startsWith('/api/region/secondary/') ? { status: 204 } : { status: 500 },
    );
    const { store } = renderWithProviders(<ProgressSaving />, { preloadedState: playingState({ positionSec: 30.7 }) });
    await advance(PROGRESS_SAVE_INTERVAL_MS);
    expect(api.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'PUT /api/progress/w-1',
      'PUT /api/region/secondary/progress/w-1',
    ]);
    expect(api.calls[1]?.body).toMatchObject({ positionSec: 30, durationSec: 600 });
    // The route that answered is remembered: the save on leave goes there.
    act(() => store.dispatch(timeUpdated(45)));
    act(() => window.dispatchEvent(new Event('pagehide')));
    await advance(0);
    expect(api.calls.slice(2).map((call) => `${call.method} ${call.path} ${call.keepalive}`)).toEqual([
      'PUT /api/region/secondary/progress/w-1 true',
    ]);
    expect(api.calls[2]?.body).toMatchObject({ positionSec: 45 });
  });

  it('keeps a save no region took across a reload, and the next page sends it', async () => {
    api = installFakeApi((call) => (call.method === 'PUT' ? { status: 503 } : undefined));
    const { unmount } = renderWithProviders(<ProgressSaving />, { preloadedState: playingState({ positionSec: 30.7 }) });
    await advance(PROGRESS_SAVE_INTERVAL_MS);
    unmount();
    await advance(0);
    expect(JSON.parse(localStorage.getItem('stride.outbox.v1') ?? '[]')).toMatchObject([
      { key: 'progress:w-1', write: { positionSec: 30 } },
    ]);

    // A new page: a fresh outbox over the same storage, with the regions back.
    forgetPageOutbox();
    api = installFakeApi((call) => (call.method === 'PUT' ? { status: 204 } : undefined));
    await act(() => deliverPendingWrites());
    expect(api.calls.map((call) => `${call.method} ${call.path}`)).toEqual(['PUT /api/progress/w-1']);
    expect(localStorage.getItem('stride.outbox.v1')).toBe('[]');
  });

  it('signed out mid-play, keeps the position in this tab and sends nothing', async () => {
    const { store } = renderWithProviders(<ProgressSaving />, { preloadedState: playingState({ sessionLost: true }) });
    await advance(PROGRESS_SAVE_INTERVAL_MS);
    window.dispatchEvent(new Event('pagehide'));
    await advance(0);
    expect(api.calls).toEqual([]);
    expect(store.getState().player?.resumePoints['w-1']).toEqual({ positionSec: 30, durationSec: 600 });
  });
});
