// @vitest-environment happy-dom
import { act, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi } from '../../test/fake-api';
import { renderWithProviders, type RenderWithProvidersResult } from '../../test/render';
import { PlayerSession } from './components/PlayerSession';
import type * as MediaEngineModule from './media-engine';
import { initialPlayerState } from './playerSlice';
import { fakeEngines, grantForW1, type FakeEngines } from './test-engine';

// The whole player, with hls.js replaced by the stand-in (no DOM emulation has Media Source Extensions).
const engines = vi.hoisted(() => ({ current: undefined as FakeEngines | undefined }));
vi.mock('./media-engine', async (importOriginal) => {
  const original = await importOriginal<typeof MediaEngineModule>();
  return {
    ...original,
    attachEngine: (...args: Parameters<typeof original.attachEngine>) => {
      if (!engines.current) throw new Error('no fake engines set up');
      return engines.current.attach(...args);
    },
  };
});

describe('usePlayerCommands, through the player', () => {
  let view: RenderWithProvidersResult;
  const player = () => screen.getByRole('region', { name: /^Video player/ });
  const video = () => player().querySelector('video') as HTMLVideoElement;
  const focused = () => document.activeElement;

  beforeEach(async () => {
    engines.current = fakeEngines();
    installFakeApi((call) => (call.path === '/api/playback/w-1' ? { status: 200, body: grantForW1 } : undefined));
    view = renderWithProviders(
      [
        { path: '/watch/:id', element: <PlayerSession workoutId="w-1" /> },
        { path: '/programs/:slug', element: <h1>Program page</h1> },
      ],
      { route: '/watch/w-1', preloadedState: { player: { ...initialPlayerState, volume: 0.5 } } },
    );
    await waitFor(() => expect(player().dataset.status).toBe('playing'));
  });

  it('puts focus on the player on arrival, so keys work without a first click', () => {
    expect(focused()).toBe(player());
  });

  it('plays and pauses with k and Space', async () => {
    await view.user.keyboard('k');
    expect(video().paused).toBe(true);
    expect(player().dataset.status).toBe('paused');
    await view.user.keyboard(' ');
    expect(video().paused).toBe(false);
    expect(player().dataset.status).toBe('playing');
  });

  it('seeks with the arrows (5 s) and j / l (10 s), never before the start', async () => {
    video().currentTime = 20;
    await view.user.keyboard('{ArrowRight}');
    expect(video().currentTime).toBe(25);
    await view.user.keyboard('j');
    expect(video().currentTime).toBe(15);
    await view.user.keyboard('l');
    expect(video().currentTime).toBe(25);
    video().currentTime = 3;
    await view.user.keyboard('{ArrowLeft}');
    expect(video().currentTime).toBe(0);
  });

  it('turns the volume up with the up arrow and mutes with m', async () => {
    expect(video().volume).toBe(0.5);
    await view.user.keyboard('{ArrowUp}');
    expect(video().volume).toBe(0.6);
    await view.user.keyboard('m');
    expect(video().muted).toBe(true);
  });

  it('turns captions on with c, in the store and in the engine', async () => {
    await view.user.keyboard('c');
    expect(view.store.getState().player?.captionsOn).toBe(true);
    expect(engines.current?.latest().engine.setCaptions).toHaveBeenCalledWith(true);
  });

  it('on a remote, Down goes to the control bar, Left and Right along its enabled controls, Up back to the stage', async () => {
    await view.user.keyboard('{ArrowDown}');
    expect(focused()).toBe(screen.getByRole('button', { name: 'Pause (k)' }));
    await view.user.keyboard('{ArrowRight}');
    expect(focused()).toBe(screen.getByRole('button', { name: 'Mute (m)' }));
    // Captions are disabled (the stream has none): skipped.
    await view.user.keyboard('{ArrowRight}');
    expect(focused()).toBe(screen.getByRole('button', { name: 'Full screen (f)' }));
    await view.user.keyboard('{ArrowLeft}');
    expect(focused()).toBe(screen.getByRole('button', { name: 'Mute (m)' }));
    await view.user.keyboard('{ArrowUp}');
    expect(focused()).toBe(player());
  });

  it('sends a remote’s Back to the workout’s program', async () => {
    await view.user.keyboard('{BrowserBack}');
    expect(view.router.state.location.pathname).toBe('/programs/kettlebell-power');
  });

  it('hands a chosen quality to the engine', async () => {
    act(() =>
      engines.current?.latest().callbacks.onLevels([
        { index: 0, height: 240, bitrate: 145_000 },
        { index: 1, height: 480, bitrate: 299_000 },
      ]),
    );
    await view.user.selectOptions(screen.getByLabelText('Quality'), '480p');
    expect(engines.current?.latest().engine.setQuality).toHaveBeenCalledWith(1);
    expect(view.store.getState().player?.quality).toBe(1);
  });

  it('leaves keys alone while the error panel is up', async () => {
    act(() => engines.current?.latest().callbacks.onFatal({ kind: 'network', httpStatus: 404 }));
    const alert = await screen.findByRole('alert');
    expect(focused()).toBe(within(alert).getByRole('button', { name: 'Retry' }));
    expect(video().paused).toBe(true);
    await view.user.keyboard('k');
    expect(video().paused).toBe(true);
    // An arrow stays the page's (a TV's D-pad moves between the panel's actions with it).
    let taken: boolean | undefined;
    window.addEventListener('keydown', (event) => (taken = event.defaultPrevented), { once: true });
    await view.user.keyboard('{ArrowLeft}');
    expect(taken).toBe(false);
  });
});
