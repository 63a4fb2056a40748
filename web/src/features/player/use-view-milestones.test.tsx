// @vitest-environment happy-dom
import { act } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, type ApiAnswer, type ApiCall, type FakeApi } from '../../test/fake-api';
import { renderWithProviders, type RenderWithProvidersResult } from '../../test/render';
import { seeked, statusChanged, timeUpdated } from './playerSlice';
import { playingState } from './test-states';
import { useViewMilestones } from './use-view-milestones';

function ViewMilestones() {
  useViewMilestones('w-1');
  return null;
}

const sent = (api: FakeApi) => api.callsTo('POST', '/api/views').map((call) => (call.body as { event: string }).event);
const flush = () => act(() => vi.advanceTimersByTimeAsync(0));

/** Plays on from the current position to `to` in 0.25 s time updates, as a browser reports them. */
async function playTo({ store }: RenderWithProvidersResult, to: number) {
  act(() => {
    for (let t = (store.getState().player?.positionSec ?? 0) + 0.25; t <= to + 1e-9; t += 0.25) store.dispatch(timeUpdated(t));
  });
  await flush();
}

describe('useViewMilestones', () => {
  let answer: (call: ApiCall) => ApiAnswer;
  let api: FakeApi;
  beforeEach(() => {
    vi.useFakeTimers();
    answer = () => ({ status: 204 });
    // The default path and both regions' pinned paths (/api/region/<role>/views).
    api = installFakeApi((call) => (call.path.endsWith('/views') ? answer(call) : undefined));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const startPlaying = async () => {
    const view = renderWithProviders(<ViewMilestones />, { preloadedState: playingState({ durationSec: 100, positionSec: 0 }) });
    await flush();
    return view;
  };

  it('reports start, 25, 50, 75 and complete as each is reached, once each, for this play', async () => {
    const view = await startPlaying();
    expect(sent(api)).toEqual(['start']);
    // Reached a little early (2 s or 3 %): time updates leave small holes, the first frame is rarely at 0.
    await playTo(view, 22.75);
    expect(sent(api)).toEqual(['start']);
    await playTo(view, 26);
    expect(sent(api)).toEqual(['start', '25']);
    await playTo(view, 60);
    expect(sent(api)).toEqual(['start', '25', '50']);
    await playTo(view, 100);
    expect(sent(api)).toEqual(['start', '25', '50', '75']);
    act(() => view.store.dispatch(statusChanged('ended')));
    await flush();
    expect(sent(api)).toEqual(['start', '25', '50', '75', 'complete']);
    // More renders (a pause, another time update) send nothing again.
    act(() => view.store.dispatch(statusChanged('paused')));
    await playTo(view, 100);
    expect(sent(api)).toEqual(['start', '25', '50', '75', 'complete']);
    expect(api.callsTo('POST', '/api/views')[1]?.body).toEqual({
      workoutId: 'w-1',
      playId: 'p-1',
      event: '25',
      positionSec: 26,
      durationSec: 100,
      eventId: 'p-1:25',
    });
  });

  it('earns nothing by seeking ahead: the stretch skipped was not watched', async () => {
    const view = await startPlaying();
    await playTo(view, 10);
    act(() => view.store.dispatch(seeked(80)));
    await playTo(view, 100);
    act(() => view.store.dispatch(statusChanged('ended')));
    await flush();
    expect(sent(api)).toEqual(['start']);
  });

  it('sends one no region has taken yet again as a beacon when the viewer leaves, once per page', async () => {
    answer = (call) => ((call.body as { event: string }).event === '25' ? { status: 503 } : { status: 204 });
    const view = await startPlaying();
    await playTo(view, 26);
    expect(api.beacons).toEqual([]);
    act(() => window.dispatchEvent(new Event('pagehide')));
    await flush();
    expect(api.beacons.map((beacon) => [beacon.path, (beacon.body as { eventId: string }).eventId])).toEqual([['/api/views', 'p-1:25']]);
    // Beaconed once: leaving again sends nothing more (it stays stored until a region acknowledges it).
    view.unmount();
    expect(api.beacons).toHaveLength(1);
    expect(JSON.parse(localStorage.getItem('stride.outbox.v1') ?? '[]')).toMatchObject([{ key: 'view:p-1:25' }]);
  });

  it('drops one the API refuses with a 4xx other than 401: asking again would not change it', async () => {
    answer = (call) => ((call.body as { event: string }).event === '25' ? { status: 400, body: { error: 'bad' } } : { status: 204 });
    const view = await startPlaying();
    await playTo(view, 26);
    act(() => window.dispatchEvent(new Event('pagehide')));
    await flush();
    expect(api.beacons).toEqual([]);
    expect(api.calls.filter((call) => call.path !== '/api/views')).toEqual([]);
  });

  it("sends a milestone the default path fails with 500 (API Gateway's throttled Lambda) to the secondary's pinned path", async () => {
    answer = (call) => (call.path === '/api/views' ? { status: 500 } : { status: 204 });
    await startPlaying();
    expect(api.calls.map((call) => `${call.method} ${call.path}`)).toEqual(['POST /api/views', 'POST /api/region/secondary/views']);
    expect(api.calls[1]?.body).toMatchObject({ eventId: 'p-1:start' });
  });

  it('delivers a milestone made while every region failed once they answer again', async () => {
    let outage = true;
    answer = () => (outage ? { status: 503 } : { status: 204 });
    const view = await startPlaying();
    await playTo(view, 26);
    const tried = api.calls.length;
    expect(tried).toBeGreaterThanOrEqual(3);
    outage = false;
    await act(() => vi.advanceTimersByTimeAsync(30_000));
    const delivered = api.calls.slice(tried).map((call) => (call.body as { eventId: string }).eventId);
    expect(delivered).toEqual(['p-1:start', 'p-1:25']);
    expect(localStorage.getItem('stride.outbox.v1')).toBe('[]');
    view.unmount();
  });

  it('does not beacon one refused because the viewer is signed out', async () => {
    answer = (call) => ((call.body as { event: string }).event === '25' ? { status: 401, body: { error: 'signed out' } } : { status: 204 });
    const view = await startPlaying();
    await playTo(view, 26);
    act(() => window.dispatchEvent(new Event('pagehide')));
    await flush();
    expect(api.beacons).toEqual([]);
  });

  it('sends nothing once the session is lost', async () => {
    renderWithProviders(<ViewMilestones />, { preloadedState: playingState({ durationSec: 100, positionSec: 0, sessionLost: true }) });
    await flush();
    expect(api.calls).toEqual([]);
  });
});
