// @vitest-environment happy-dom
import type { PlaybackRefusalBody } from '@stride/contract/api-shapes';
import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { installFakeApi, type ApiAnswer } from '../../../test/fake-api';
import { renderWithProviders } from '../../../test/render';
import type { PlaybackFailure } from '../recovery-policy';
import { formatLaunchTime } from './failure-messages';
import { PlayerErrorPanel } from './PlayerErrorPanel';
import { PlayerHeading } from './PlayerHeading';
import { PlayerSession } from './PlayerSession';
import { PlayerSignedOutNotice } from './PlayerSignedOutNotice';

const LAUNCH = '2027-02-01T17:30:00.000Z';

describe('PlayerHeading', () => {
  it('names the workout in the page’s h1, with its program linked', () => {
    renderWithProviders(<PlayerHeading title="Tabata Foundations" program={{ slug: 'hiit-30', title: 'HIIT 30' }} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Tabata Foundations');
    expect(screen.getByRole('heading', { level: 1 }).className).not.toContain('visually-hidden');
    expect(screen.getByRole('link', { name: 'HIIT 30' }).getAttribute('href')).toBe('/programs/hiit-30');
  });
});

describe('PlayerSignedOutNotice', () => {
  it('keeps an empty live region in the page until the session is lost', () => {
    renderWithProviders(<PlayerSignedOutNotice show={false} workoutId="w-hiit30-01" />);
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('then says so in that region, without an alert, with a sign-in link back to this workout', () => {
    renderWithProviders(<PlayerSignedOutNotice show workoutId="w-hiit30-01" />);
    const region = screen.getByRole('status');
    expect(region.textContent).toContain("You're signed out — sign in to keep your progress.");
    expect(within(region).getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/login?next=%2Fwatch%2Fw-hiit30-01');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('formatLaunchTime', () => {
  it('says the launch in words, with the hour, in the coming-soon page’s fixed zone', () => {
    expect(formatLaunchTime(LAUNCH)).toBe('February 1, 2027 at 17:30 UTC');
    expect(formatLaunchTime('2027-02-01T00:00:00Z')).toBe('February 1, 2027 at 00:00 UTC');
    expect(formatLaunchTime('soon')).toBeUndefined();
  });
});

describe('PlayerErrorPanel', () => {
  const panel = (failure: PlaybackFailure, availableAt?: string) => {
    const onRetry = vi.fn();
    const view = renderWithProviders(
      <PlayerErrorPanel failure={failure} availableAt={availableAt ?? null} workoutId="w-hiit30-01" onRetry={onRetry} />,
    );
    return { ...view, onRetry, alert: screen.getByRole('alert') };
  };

  it.each<[PlaybackFailure, string, string | RegExp]>([
    ['not-launched', 'Not yet available', "This workout's program launches on February 1, 2027 at 17:30 UTC."],
    ['unlicensed', 'Not available in your country', 'not licensed for streaming in the country you are in'],
    ['subscription-required', 'No active subscription', 'does not have an active subscription'],
    ['signed-out', 'You are not signed in', 'Sign in to play this workout'],
    ['not-found', 'Workout not found', 'There is no workout at this address'],
    ['offline', 'You are offline', 'lost its connection'],
    ['unavailable', 'Stream unavailable', 'could not be streamed right now'],
    ['unsupported', 'This browser cannot play the stream', 'HLS video support'],
  ])('"%s" is an alert titled "%s" that says what happened', (failure, title, body) => {
    const { alert } = panel(failure, LAUNCH);
    expect(within(alert).getByRole('heading', { level: 2 }).textContent).toBe(title);
    expect(alert.textContent).toMatch(body);
  });

  it.each<[PlaybackFailure, string, string | null]>([
    ['not-launched', 'Browse programs', '/'],
    ['unlicensed', 'Browse programs', '/'],
    ['signed-out', 'Sign in', '/login?next=%2Fwatch%2Fw-hiit30-01'],
    ['not-found', 'Browse programs', '/'],
    ['subscription-required', 'Retry', null],
    ['offline', 'Retry', null],
    ['unavailable', 'Retry', null],
  ])('"%s" puts focus on its primary action, %s, so a keyboard or a remote starts there', (failure, action, href) => {
    panel(failure, LAUNCH);
    const focused = document.activeElement as HTMLElement;
    expect(focused.textContent).toBe(action);
    expect(focused.getAttribute('href')).toBe(href);
    expect(focused.hasAttribute('data-tv-primary')).toBe(true);
    expect(document.querySelectorAll('[data-tv-primary]')).toHaveLength(1);
  });

  it('offers a subscription-less viewer their account page beside Retry', () => {
    const { alert } = panel('subscription-required');
    expect(within(alert).getByRole('link', { name: 'See your account' }).getAttribute('href')).toBe('/account');
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeDefined();
  });

  it.each<PlaybackFailure>(['unlicensed', 'not-found'])('"%s" offers no Retry: retrying cannot help', (failure) => {
    expect(within(panel(failure).alert).queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('before launch without a launch instant, still says it has not launched', () => {
    const { alert } = panel('not-launched');
    expect(alert.textContent).toContain("This workout's program has not launched yet.");
  });

  it('retries when the viewer presses Retry', async () => {
    const { user, onRetry } = panel('unavailable');
    await user.keyboard('{Enter}');
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('follows its link within the app', async () => {
    const { user, router } = panel('signed-out');
    await user.click(screen.getByRole('link', { name: 'Sign in' }));
    expect(router.state.location.pathname + router.state.location.search).toBe('/login?next=%2Fwatch%2Fw-hiit30-01');
  });
});

describe('PlayerSession: the API’s refusals, as the viewer sees them', () => {
  // The body as the API documents it (@stride/contract/api-shapes), so a renamed field fails here too.
  const refusal = (
    status: number,
    reason: PlaybackRefusalBody['reason'],
    extra: Pick<PlaybackRefusalBody, 'availableAt'> = {},
  ): ApiAnswer => {
    const body: PlaybackRefusalBody = { error: 'refused', reason, ...extra };
    return { status, body };
  };

  it.each<[string, ApiAnswer, string, string]>([
    ['401 signed-out', refusal(401, 'signed-out'), 'You are not signed in', 'Sign in'],
    ['451 unlicensed', refusal(451, 'unlicensed'), 'Not available in your country', 'Browse programs'],
    ['403 not-launched', refusal(403, 'not-launched', { availableAt: LAUNCH }), 'Not yet available', 'Browse programs'],
    ['403 subscription-required', refusal(403, 'subscription-required'), 'No active subscription', 'Retry'],
    ['404 unknown workout', { status: 404, body: { error: 'No such workout' } }, 'Workout not found', 'Browse programs'],
    [
      '403 from a region without reasons yet',
      { status: 403, body: { error: 'A subscription is needed' } },
      'No active subscription',
      'Retry',
    ],
  ])('%s: the message, focus on its primary action, no controls behind it', async (_name, answer, title, primary) => {
    const api = installFakeApi((call) => (call.path === '/api/playback/w-1' ? answer : undefined));
    renderWithProviders(<PlayerSession workoutId="w-1" />, { route: '/watch/w-1' });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { level: 2 }).textContent).toBe(title);
    expect(document.activeElement?.textContent).toBe(primary);
    expect(screen.queryByRole('button', { name: /^(Play|Pause)\b/ })).toBeNull();
    // Refused once: the API client does not retry a 4xx.
    expect(api.callsTo('GET', '/api/playback/w-1')).toHaveLength(1);
  });

  it('says when a workout that has not launched will, in words', async () => {
    installFakeApi((call) => (call.path === '/api/playback/w-1' ? refusal(403, 'not-launched', { availableAt: LAUNCH }) : undefined));
    renderWithProviders(<PlayerSession workoutId="w-1" />, { route: '/watch/w-1' });
    expect((await screen.findByRole('alert')).textContent).toContain('launches on February 1, 2027 at 17:30 UTC');
  });
});
