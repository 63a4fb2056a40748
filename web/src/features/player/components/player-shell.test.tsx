import { configureStore } from '@reduxjs/toolkit';
import { renderToString } from 'react-dom/server';
import { Provider } from 'react-redux';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { strideApi } from '../../../shared/api/strideApi';
import { playerSlice } from '../playerSlice';
import { Player } from './Player';
import { PlayerHeading } from './PlayerHeading';

// Server-rendered, as the prerender writes the one /watch shell: what a DOM test cannot show is
// that the HTML is byte-for-byte the same whatever the workout.
function renderHtml(element: React.ReactElement): string {
  const store = configureStore({
    reducer: { player: playerSlice.reducer, [strideApi.reducerPath]: strideApi.reducer },
    middleware: (gdm) => gdm().concat(strideApi.middleware),
  });
  const router = createMemoryRouter([{ path: '*', element }], { initialEntries: ['/watch/w-hiit30-01'] });
  return renderToString(
    <Provider store={store}>
      <RouterProvider router={router} />
    </Provider>,
  );
}

describe('Player (server-rendered, as in the prerendered /watch shell)', () => {
  it('renders a neutral, labelled stage with nothing workout-specific, so one shell hydrates at any id', () => {
    const a = renderHtml(<Player workoutId="w-hiit30-01" title="Tabata Foundations" />);
    const b = renderHtml(<Player workoutId="w-yoga-02" title="Hips and Hamstrings" />);
    expect(a).toBe(b);
    expect(a).toContain('aria-label="Video player"');
    expect(a).toMatch(/role="status"[^>]*>Loading the player/);
    // The stage's <video> is in the shell: the boot script plays into it before hydration, and
    // hydration keeps the same element (no second one, nothing to load again).
    expect(a).toMatch(/<video class="player__video"[^>]*><\/video>/);
    expect(a).not.toContain('Tabata Foundations');
    // The page's h1 from the start, generic and visually hidden, so the shell is the same for every id.
    expect(a).toContain('<h1 class="visually-hidden">Player</h1>');
  });

  it('gives the heading the same generic markup whatever the workout, until it is known', () => {
    expect(renderHtml(<PlayerHeading />)).toBe(renderHtml(<PlayerHeading />));
    expect(renderHtml(<PlayerHeading />)).toContain('<h1 class="visually-hidden">Player</h1>');
  });
});
