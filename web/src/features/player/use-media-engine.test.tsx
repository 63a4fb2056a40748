// @vitest-environment happy-dom
import { act, screen } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, type ApiAnswer, type FakeApi } from '../../test/fake-api';
import { renderWithProviders, type RenderWithProvidersResult } from '../../test/render';
import { usePlayerSelector } from './hooks';
import type { attachEngine, MediaEngine } from './media-engine';
import { initialPlayerState, reloadRequested, statusChanged, timeUpdated } from './playerSlice';
import { fakeEngines, grantForW1, type FakeEngines } from './test-engine';
import { useMediaElementReports } from './use-media-element-reports';
import { useMediaEngine } from './use-media-engine';
import { usePlay } from './use-play';
import { usePlaybackGrant } from './use-playback-grant';
import { STALL_TIMEOUT_MS, usePlaybackRecovery } from './use-playback-recovery';
import { useResumePoint } from './use-resume-point';

/** The player's engine, its recovery and what feeds them (the play, the grant, the resume point), without the rest of the player. */
function EngineUnderTest({ attach }: { readonly attach: typeof attachEngine }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const engineRef = useRef<MediaEngine | undefined>(undefined);
  usePlay('w-1');
  const { grant, reauthorize } = usePlaybackGrant('w-1');
  const resume = useResumePoint('w-1');
  const recovery = usePlaybackRecovery({ videoRef, engineRef, reauthorize });
  useMediaEngine({ videoRef, engineRef, hlsUrl: grant?.hlsUrl, resume, onFatal: recovery.onFatal, attach });
  const mediaEvents = useMediaElementReports(recovery.onPlaying);
  const failure = usePlayerSelector((state) => state.player.failure);
  return (
    <>
      <video data-testid="video" ref={videoRef} {...mediaEvents} />
      {failure && <p role="alert">{failure}</p>}
      <button type="button" onClick={recovery.retry}>
        Retry
      </button>
    </>
  );
}

/**
 * Lets answered requests and the renders they cause settle: RTK Query batches its store updates
 * to the next animation frame, so this moves the clock a few frames (100 ms). Timing assertions
 * start after it.
 */
async function flush() {
  for (let i = 0; i < 5; i += 1) await act(() => vi.advanceTimersByTimeAsync(20));
}
const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

describe('useMediaEngine and usePlaybackRecovery', () => {
  let engines: FakeEngines;
  let api: FakeApi;
  let grantAnswer: ApiAnswer;
  beforeEach(() => {
    vi.useFakeTimers();
    engines = fakeEngines();
    grantAnswer = { status: 200, body: grantForW1 };
    api = installFakeApi((call) => {
      if (call.path === '/api/playback/w-1') return grantAnswer;
      if (call.path === '/api/progress?workout=w-1') return { status: 200, body: { positionSec: 42, durationSec: 600 } };
      return undefined;
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const mount = async (attach: typeof attachEngine = engines.attach): Promise<RenderWithProvidersResult> => {
    const view = renderWithProviders(<EngineUnderTest attach={attach} />, {
      preloadedState: { player: { ...initialPlayerState, volume: 0.5, muted: true, captionsOn: true } },
    });
    await flush();
    return view;
  };
  const player = (view: RenderWithProvidersResult) => view.store.getState().player;
  const video = () => screen.getByTestId<HTMLVideoElement>('video');

  it('attaches the granted stream where the viewer left off, with their volume and captions, and plays', async () => {
    const view = await mount();
    expect(engines.attached).toHaveLength(1);
    expect(engines.latest()).toMatchObject({ url: '/media/w-1/master.m3u8', startAtSec: 42, options: { captionsOn: true, quality: -1 } });
    expect(video().volume).toBe(0.5);
    expect(video().muted).toBe(true);
    expect(video().paused).toBe(false);
    expect(player(view)?.status).toBe('playing');
  });

  it('on a reload, destroys the engine and attaches a new one at the current position', async () => {
    const view = await mount();
    act(() => view.store.dispatch(timeUpdated(50)));
    act(() => view.store.dispatch(reloadRequested()));
    await flush();
    expect(engines.attached[0]?.engine.destroy).toHaveBeenCalled();
    expect(engines.attached).toHaveLength(2);
    expect(engines.latest().startAtSec).toBe(50);
  });

  it('destroys the engine when the player goes away', async () => {
    const view = await mount();
    view.unmount();
    expect(engines.latest().engine.destroy).toHaveBeenCalled();
  });

  it('recovers a media error in place, then reloads once, then says the stream is unavailable and stops the engine', async () => {
    const view = await mount();
    act(() => engines.latest().callbacks.onFatal({ kind: 'media' }));
    expect(engines.latest().engine.recoverMedia).toHaveBeenCalledTimes(1);
    expect(player(view)?.status).toBe('recovering');
    // Again within the recovery window: recovering in place did not hold.
    act(() => engines.latest().callbacks.onFatal({ kind: 'media' }));
    await flush();
    expect(engines.attached).toHaveLength(2);
    act(() => engines.latest().callbacks.onFatal({ kind: 'media' }));
    await flush();
    expect(engines.latest().engine.destroy).toHaveBeenCalled();
    expect(player(view)).toMatchObject({ status: 'error', failure: 'unavailable' });
    expect(screen.getByRole('alert').textContent).toBe('unavailable');
  });

  it('retries loading after a network error, 1 s later and then 2 s later, at the position reached', async () => {
    const view = await mount();
    act(() => view.store.dispatch(timeUpdated(47)));
    act(() => engines.latest().callbacks.onFatal({ kind: 'network' }));
    await advance(999);
    expect(engines.latest().engine.restartLoad).not.toHaveBeenCalled();
    await advance(1);
    expect(engines.latest().engine.restartLoad).toHaveBeenCalledWith(47);
    act(() => engines.latest().callbacks.onFatal({ kind: 'network' }));
    await advance(1_999);
    expect(engines.latest().engine.restartLoad).toHaveBeenCalledTimes(1);
    await advance(1);
    expect(engines.latest().engine.restartLoad).toHaveBeenCalledTimes(2);
  });

  it('when the CDN refuses the media (expired cookies), asks the API again, then reloads', async () => {
    await mount();
    expect(api.callsTo('GET', '/api/playback/w-1')).toHaveLength(1);
    act(() => engines.latest().callbacks.onFatal({ kind: 'network', httpStatus: 403 }));
    await flush();
    expect(api.callsTo('GET', '/api/playback/w-1')).toHaveLength(2);
    expect(engines.attached).toHaveLength(2);
  });

  it('treats buffering that lasts 15 s as a network failure', async () => {
    const view = await mount();
    act(() => view.store.dispatch(statusChanged('buffering')));
    await advance(STALL_TIMEOUT_MS - 1);
    expect(player(view)?.status).toBe('buffering');
    await advance(1);
    expect(player(view)?.status).toBe('recovering');
    await advance(1_000);
    expect(engines.latest().engine.restartLoad).toHaveBeenCalledTimes(1);
  });

  it('a buffering spell that ends in time is left alone', async () => {
    const view = await mount();
    act(() => view.store.dispatch(statusChanged('buffering')));
    await advance(STALL_TIMEOUT_MS - 1_000);
    act(() => view.store.dispatch(statusChanged('playing')));
    await advance(STALL_TIMEOUT_MS);
    expect(player(view)?.status).toBe('playing');
    expect(engines.latest().engine.restartLoad).not.toHaveBeenCalled();
  });

  it('Retry after giving up asks the API again and loads the stream afresh', async () => {
    const view = await mount();
    act(() => engines.latest().callbacks.onFatal({ kind: 'network', httpStatus: 404 }));
    expect(player(view)).toMatchObject({ status: 'error', failure: 'unavailable' });
    await view.user.click(screen.getByRole('button', { name: 'Retry' }));
    await flush();
    expect(api.callsTo('GET', '/api/playback/w-1')).toHaveLength(2);
    expect(engines.attached).toHaveLength(2);
    expect(player(view)?.status).toBe('playing');
  });

  it('says so when this browser can play neither hls.js nor native HLS', async () => {
    const view = await mount(async () => undefined);
    expect(player(view)).toMatchObject({ status: 'error', failure: 'unsupported' });
  });

  it('calls a player chunk that did not load a connection problem', async () => {
    const view = await mount(() => Promise.reject(new Error('Failed to fetch dynamically imported module')));
    expect(player(view)).toMatchObject({ status: 'error', failure: 'unavailable' });
  });

  it('loads nothing when the API refuses playback', async () => {
    grantAnswer = { status: 451, body: { error: 'Not licensed here', reason: 'unlicensed' } };
    const view = await mount();
    expect(engines.attached).toEqual([]);
    expect(player(view)).toMatchObject({ status: 'error', failure: 'unlicensed' });
  });
});
