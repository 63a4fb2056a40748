import { configureStore } from '@reduxjs/toolkit';
import { renderToString } from 'react-dom/server';
import { Provider } from 'react-redux';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { strideApi } from '../../../shared/api/strideApi';
import { playerSlice } from '../playerSlice';
import { failureMessages } from './failure-messages';
import { Player } from './Player';
import { PlayerErrorPanel } from './PlayerErrorPanel';
import { PlayerHeading } from './PlayerHeading';
import { PlayerSignedOutNotice } from './PlayerSignedOutNotice';

function render(element: React.ReactElement): string {
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
    const a = render(<Player workoutId="w-hiit30-01" title="Tabata Foundations" />);
    const b = render(<Player workoutId="w-yoga-02" title="Hips and Hamstrings" />);
    expect(a).toBe(b);
    expect(a).toContain('aria-label="Video player"');
    expect(a).toMatch(/role="status"[^>]*>Loading the player/);
    // The page's h1 from the start, generic and visually hidden, so the shell is the same for every id.
    expect(a).toContain('<h1 class="visually-hidden">Player</h1>');
  });
});

describe('PlayerHeading', () => {
  it('is a hidden generic h1 until the workout is known', () => {
    expect(render(<PlayerHeading />)).toBe(render(<PlayerHeading />));
    expect(render(<PlayerHeading />)).toContain('<h1 class="visually-hidden">Player</h1>');
  });

  it('then names the workout, with its program linked', () => {
    const html = render(<PlayerHeading title="Tabata Foundations" program={{ slug: 'hiit-30', title: 'HIIT 30' }} />);
    expect(html).toContain('<h1 class="player__title">Tabata Foundations</h1>');
    expect(html).toMatch(/<a href="\/programs\/hiit-30"[^>]*>HIIT 30<\/a>/);
    expect(html).not.toContain('visually-hidden');
  });
});

describe('PlayerSignedOutNotice', () => {
  it('keeps an empty live region in the page until the session is lost', () => {
    const html = render(<PlayerSignedOutNotice show={false} workoutId="w-hiit30-01" />);
    expect(html).toMatch(/<div role="status"[^>]*><\/div>/);
  });

  it('says the viewer is signed out and links to sign in and back to this workout', () => {
    const html = render(<PlayerSignedOutNotice show workoutId="w-hiit30-01" />);
    expect(html).toMatch(/role="status"/);
    expect(html).not.toMatch(/role="alert"/);
    expect(html).toContain('You&#x27;re signed out — sign in to keep your progress.');
    expect(html).toMatch(/<a href="\/login\?next=%2Fwatch%2Fw-hiit30-01"[^>]*>Sign in<\/a>/);
  });
});

describe('PlayerErrorPanel', () => {
  it.each(Object.keys(failureMessages) as (keyof typeof failureMessages)[])('names the cause "%s" and offers Retry', (failure) => {
    const html = render(<PlayerErrorPanel failure={failure} workoutId="w-hiit30-01" onRetry={() => undefined} />);
    expect(html).toContain('role="alert"');
    expect(html).toContain(failureMessages[failure].title);
    expect(html).toMatch(/<button[^>]*>Retry<\/button>/);
  });

  it('sends a signed-out viewer to sign in and back to this workout', () => {
    const html = render(<PlayerErrorPanel failure="signed-out" workoutId="w-hiit30-01" onRetry={() => undefined} />);
    expect(html).toContain('href="/login?next=%2Fwatch%2Fw-hiit30-01"');
  });

  it('sends a viewer without a subscription to their account', () => {
    expect(render(<PlayerErrorPanel failure="no-subscription" workoutId="w-1" onRetry={() => undefined} />)).toContain('href="/account"');
  });
});
