// @vitest-environment happy-dom
import type { ThunkDispatch, UnknownAction } from '@reduxjs/toolkit';
import { act, screen } from '@testing-library/react';
import { useRef, useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, type FakeApi } from '../../test/fake-api';
import { renderWithProviders, type RenderWithProvidersResult } from '../../test/render';
import { forgetEarlyAnswers, holdEarlyAnswer } from './early-answers';
import type { MediaEngine } from './media-engine';
import { playerApi } from './playerApi';
import { fakeEngines, grantForW1, type FakeEngines } from './test-engine';
import { useMediaEngine } from './use-media-engine';
import { usePlay } from './use-play';
import { usePlaybackGrant } from './use-playback-grant';
import { useResumePoint } from './use-resume-point';

/*
 * The player taking over what the /watch boot script started (early-boot.ts): the answers it
 * asked for, and the picture it already plays in the shell's <video> before React listens to it.
 */
function PlayerStart({ attach }: { readonly attach: FakeEngines['attach'] }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const engineRef = useRef<MediaEngine | undefined>(undefined);
  usePlay('w-1');
  const { grant } = usePlaybackGrant('w-1');
  const resume = useResumePoint('w-1');
  useMediaEngine({ videoRef, engineRef, hlsUrl: grant?.hlsUrl, resume, onFatal: () => undefined, attach });
  return <video data-testid="video" ref={videoRef} />;
}

type ApiState = Parameters<ReturnType<typeof playerApi.endpoints.getPlayback.select>>[0];

/** Mounts the player only on "Open": the answers can be in the store before its first commit. */
function OpenLater({ attach }: { readonly attach: FakeEngines['attach'] }) {
  const [open, setOpen] = useState(false);
  return open ? (
    <PlayerStart attach={attach} />
  ) : (
    <button type="button" onClick={() => setOpen(true)}>
      Open
    </button>
  );
}

const json = (status: number, body?: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function flush() {
  for (let i = 0; i < 5; i += 1) await act(() => vi.advanceTimersByTimeAsync(20));
}

describe('the player takes over the boot script’s start', () => {
  let api: FakeApi;
  let engines: FakeEngines;
  beforeEach(() => {
    vi.useFakeTimers();
    engines = fakeEngines();
    api = installFakeApi((call) => {
      if (call.path === '/api/playback/w-1') return { status: 200, body: grantForW1 };
      if (call.path === '/api/progress?workout=w-1') return { status: 200, body: { positionSec: 10, durationSec: 600 } };
      return undefined;
    });
  });
  afterEach(() => {
    forgetEarlyAnswers();
    vi.useRealTimers();
  });

  const mount = async (): Promise<RenderWithProvidersResult> => {
    const view = renderWithProviders(<PlayerStart attach={engines.attach} />);
    await flush();
    return view;
  };

  it('uses the early grant and resume point instead of asking the API again', async () => {
    holdEarlyAnswer('/api/playback/w-1', Promise.resolve(json(200, grantForW1)));
    holdEarlyAnswer('/api/progress?workout=w-1', Promise.resolve(json(200, { positionSec: 300, durationSec: 600 })));
    await mount();
    expect(api.calls).toEqual([]);
    expect(engines.latest()).toMatchObject({ url: grantForW1.hlsUrl, startAtSec: 300 });
  });

  it('reads an early "never watched" (404) as the start, and an early refusal as the refusal', async () => {
    holdEarlyAnswer('/api/playback/w-1', Promise.resolve(json(403, { error: 'subscription-required' })));
    holdEarlyAnswer('/api/progress?workout=w-1', Promise.resolve(json(404)));
    const view = await mount();
    expect(api.calls).toEqual([]);
    expect(engines.attached).toHaveLength(0);
    expect(view.store.getState().player).toMatchObject({ status: 'error', failure: 'subscription-required' });
  });

  it('asks the API itself when nothing was started early', async () => {
    await mount();
    expect(api.callsTo('GET', '/api/playback/w-1')).toHaveLength(1);
    expect(engines.latest().startAtSec).toBe(10);
  });

  it('reports a picture the element already plays (started before hydration) as playing, with its duration and position', async () => {
    const video = () => screen.getByTestId<HTMLVideoElement>('video');
    holdEarlyAnswer('/api/playback/w-1', Promise.resolve(json(200, grantForW1)));
    holdEarlyAnswer('/api/progress?workout=w-1', Promise.resolve(json(404)));
    const view = renderWithProviders(<PlayerStart attach={engines.attach} />);
    // As the boot script's engine left it: playing, 3 s in, a 600 s stream.
    Object.defineProperties(video(), {
      paused: { configurable: true, get: () => false },
      readyState: { configurable: true, get: () => 4 /* HAVE_ENOUGH_DATA */ },
      duration: { configurable: true, get: () => 600 },
      currentTime: { configurable: true, get: () => 3, set: () => undefined },
    });
    await flush();
    expect(view.store.getState().player).toMatchObject({ status: 'playing', durationSec: 600, positionSec: 3 });
  });

  it('loads once when the answers are in before the player mounts (hydration after the boot script), not again as the play opens', async () => {
    const view = renderWithProviders(<OpenLater attach={engines.attach} />);
    // The store's own type knows plain actions only; RTK Query's cache updates are thunks.
    const dispatch = view.store.dispatch as ThunkDispatch<ApiState, unknown, UnknownAction>;
    await act(() => dispatch(playerApi.util.upsertQueryData('getPlayback', 'w-1', grantForW1)));
    await act(() => dispatch(playerApi.util.upsertQueryData('getProgress', 'w-1', { positionSec: 120, durationSec: 600 })));
    await view.user.click(screen.getByRole('button', { name: 'Open' }));
    await flush();
    expect(engines.attached).toHaveLength(1);
    expect(engines.latest().startAtSec).toBe(120);
    expect(engines.latest().engine.destroy).not.toHaveBeenCalled();
  });
});
