// @vitest-environment happy-dom
import type { PlaybackRefusalBody } from '@stride/contract/api-shapes';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RootLayout } from '../app/routes/layout';
import { WatchRoute } from '../app/routes/watch';
import { deviceStateFor } from '../features/device';
import { installFakeApi, type ApiAnswer } from './fake-api';
import { placeAt } from './layout';
import { renderWithProviders } from './render';

// The /watch page as a TV shows it (the app's layout, its D-pad, the player), refused by the API.
const LAUNCH = '2027-02-01T17:30:00.000Z';

/** A refusal as the API documents it (@stride/contract/api-shapes). */
const refused = (status: 401 | 403 | 451, body: PlaybackRefusalBody): ApiAnswer => ({ status, body });

function openOnTv(answer: ApiAnswer) {
  const api = installFakeApi((call) => (call.path === '/api/playback/w-1' ? answer : undefined));
  const view = renderWithProviders(
    [
      {
        path: '/',
        Component: RootLayout,
        children: [
          { index: true, element: <h1>Home</h1> },
          { path: 'watch/:id', Component: WatchRoute },
        ],
      },
    ],
    { route: '/watch/w-1', preloadedState: { device: deviceStateFor('tv') } },
  );
  return { api, view };
}

/** Lays the message's actions out side by side, as the TV stylesheet does. */
function layOutActions(alert: HTMLElement) {
  Array.from(alert.querySelectorAll<HTMLElement>('a, button')).forEach((action, index) =>
    placeAt(action, { left: index * 240, top: 400, width: 220, height: 60 }),
  );
}

describe('a TV viewer refused playback', () => {
  it('before launch: reads when it launches, starts on Browse programs, and reaches Retry with the D-pad', async () => {
    const { api, view } = openOnTv(refused(403, { error: 'Not launched yet', reason: 'not-launched', availableAt: LAUNCH }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { level: 2 }).textContent).toBe('Not yet available');
    expect(alert.textContent).toContain('February 1, 2027 at 17:30 UTC');
    expect(document.activeElement).toBe(within(alert).getByRole('link', { name: 'Browse programs' }));
    expect(document.documentElement.dataset.device).toBe('tv');

    layOutActions(alert);
    // The D-pad controller loads on demand: the first Right may come before it.
    await waitFor(async () => {
      await view.user.keyboard('{ArrowRight}');
      expect(document.activeElement).toBe(within(alert).getByRole('button', { name: 'Retry' }));
    });
    await view.user.keyboard('{Enter}');
    await waitFor(() => expect(api.callsTo('GET', '/api/playback/w-1')).toHaveLength(2));

    await view.user.keyboard('{ArrowLeft}');
    expect(document.activeElement?.textContent).toBe('Browse programs');
    await view.user.keyboard('{Enter}');
    expect(view.router.state.location.pathname).toBe('/');
  });

  it.each<[string, ApiAnswer, string, string]>([
    [
      'outside the licence',
      refused(451, { error: 'Not licensed here', reason: 'unlicensed' }),
      'Not available in your country',
      'Browse programs',
    ],
    [
      'without a subscription',
      refused(403, { error: 'Subscription required', reason: 'subscription-required' }),
      'No active subscription',
      'Retry',
    ],
    ['signed out', refused(401, { error: 'Sign in', reason: 'signed-out' }), 'You are not signed in', 'Sign in'],
  ])('%s: reads the message, with focus on its primary action', async (_case, answer, title, primary) => {
    openOnTv(answer);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { level: 2 }).textContent).toBe(title);
    expect(within(alert).getByText(primary, { selector: 'a, button' })).toBe(document.activeElement);
  });

  it('signed out: the sign-in link comes back to this workout', async () => {
    openOnTv(refused(401, { error: 'Sign in', reason: 'signed-out' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/login?next=%2Fwatch%2Fw-1');
  });
});
