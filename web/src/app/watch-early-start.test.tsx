// @vitest-environment happy-dom
import { act, render, waitFor } from '@testing-library/react';
import { useEffect } from 'react';
import { Provider } from 'react-redux';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handOverEarlyStart } from '../features/player/early-start';
import { usePlaybackGrant } from '../features/player/use-playback-grant';
import { useResumePoint } from '../features/player/use-resume-point';
import { installFakeApi, type FakeApi } from '../test/fake-api';
import { installApiFeatures } from './api-features';
import { makeStore } from './store';
import { startWatchEarly } from './watch-early-start';

const grant = { workoutId: 'w-1', hlsUrl: '/media/sample/master.m3u8', expiresAt: '2030-01-01T00:00:00Z' };

/** The player's part that asks: grant, resume point, then the session's handover. */
function Asker({ onGrant }: { onGrant: (hlsUrl: string | undefined, resumeKnown: boolean) => void }) {
  const { grant: answer } = usePlaybackGrant('w-1');
  const resume = useResumePoint('w-1');
  useEffect(() => handOverEarlyStart('w-1'), []);
  onGrant(answer?.hlsUrl, resume.known);
  return null;
}

describe('startWatchEarly', () => {
  let api: FakeApi;
  beforeEach(() => {
    api = installFakeApi((call) =>
      call.path === '/api/playback/w-1'
        ? { status: 200, body: grant }
        : call.path === '/api/progress?workout=w-1'
          ? { status: 404 }
          : undefined,
    );
    installApiFeatures();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('does nothing off the player’s route', async () => {
    await startWatchEarly(makeStore(), '/programs/w-1');
    expect(api.calls).toEqual([]);
  });

  it('asks for the grant and the resume point before the player exists, and the player uses those answers', async () => {
    const store = makeStore();
    await startWatchEarly(store, '/watch/w-1');
    await waitFor(() => expect(api.callsTo('GET', '/api/progress?workout=w-1')).toHaveLength(1));
    expect(api.callsTo('GET', '/api/playback/w-1')).toHaveLength(1);

    const seen: [string | undefined, boolean][] = [];
    render(
      <Provider store={store}>
        <Asker onGrant={(url, known) => seen.push([url, known])} />
      </Provider>,
    );
    await waitFor(() => expect(seen.at(-1)).toEqual([grant.hlsUrl, true]));
    // The first render already had both answers: nothing asked twice.
    expect(seen[0]).toEqual([grant.hlsUrl, true]);
    expect(api.callsTo('GET', '/api/playback/w-1')).toHaveLength(1);
    expect(api.callsTo('GET', '/api/progress?workout=w-1')).toHaveLength(1);
  });

  it('lets its answers go when no player takes them over, so a later visit asks again', async () => {
    vi.useFakeTimers();
    const store = makeStore();
    await startWatchEarly(store, '/watch/w-1');
    await act(() => vi.advanceTimersByTimeAsync(15_000 + 1));
    const queries = () => Object.keys(store.getState().strideApi?.queries ?? {});
    expect(queries()).toEqual([]);
    vi.useRealTimers();
    render(
      <Provider store={store}>
        <Asker onGrant={() => undefined} />
      </Provider>,
    );
    await waitFor(() => expect(api.callsTo('GET', '/api/playback/w-1')).toHaveLength(2));
  });
});
