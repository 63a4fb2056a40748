// @vitest-environment happy-dom
import { configureStore } from '@reduxjs/toolkit';
import { act } from '@testing-library/react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { Provider } from 'react-redux';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { strideApi } from '../../../shared/api/strideApi';
import { installFakeApi } from '../../../test/fake-api';
import { playerSlice } from '../playerSlice';
import { grantForW1 } from '../test-engine';
import { Player } from './Player';

function app() {
  // The player's part of the app's store (as player-shell.test.tsx builds it: features do not import the app).
  const store = configureStore({
    reducer: { player: playerSlice.reducer, [strideApi.reducerPath]: strideApi.reducer },
    middleware: (gdm) => gdm().concat(strideApi.middleware),
  });
  const router = createMemoryRouter([{ path: '/watch/:id', element: <Player workoutId="w-1" /> }], { initialEntries: ['/watch/w-1'] });
  return (
    <Provider store={store}>
      <RouterProvider router={router} />
    </Provider>
  );
}

describe('the prerendered /watch shell, hydrated while the boot script plays in it', () => {
  it('keeps the same <video>, with the tracks hls.js added to it, and hydrates without a mismatch', async () => {
    installFakeApi((call) => (call.path === '/api/playback/w-1' ? { status: 200, body: grantForW1 } : { status: 404 }));
    const container = document.createElement('div');
    container.innerHTML = renderToString(app());
    document.body.append(container);
    // What the boot script's engine did to the shell's element before the app loaded.
    const video = container.querySelector('video');
    if (!video) throw new Error('the shell has no <video>');
    const track = document.createElement('track');
    track.kind = 'captions';
    video.append(track);
    video.setAttribute('src', 'blob:http://localhost/stream');

    const onRecoverableError = vi.fn();
    await act(async () => {
      hydrateRoot(container, app(), { onRecoverableError });
      await Promise.resolve();
    });
    expect(onRecoverableError).not.toHaveBeenCalled();
    expect(container.querySelector('video')).toBe(video);
    expect(video.querySelector('track')).toBe(track);
    expect(video.getAttribute('src')).toBe('blob:http://localhost/stream');
  });
});
