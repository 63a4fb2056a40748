import type { PlaybackFailure } from '../recovery-policy';

/** Where a message's link leads: signing in (and back to this workout), the account, the programs. */
export type FailureWay = 'sign-in' | 'account' | 'programs';

/** What the player says when playback is refused or gave up, and what it offers. */
export interface FailureMessage {
  readonly title: string;
  readonly body: string;
  /** A way on other than retrying, when there is one. */
  readonly way?: { readonly to: FailureWay; readonly label: string };
  /** Retrying on this page can help: the cause may pass while the viewer stays (a connection, a sign-in or subscription elsewhere, the launch). */
  readonly retry: boolean;
  /**
   * The action focus lands on, so a keyboard or a TV remote starts there. Where retrying is what
   * a viewer there does next (a subscription bought on a phone, then Retry on the TV), it is Retry.
   */
  readonly primary: 'way' | 'retry';
}

// The launch in words, in the fixed locale and time zone of the program's coming-soon page, so
// the player and that page name the same day; with the hour, since a launch may be later today.
const launchTime = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

/** "February 1, 2027 at 00:00 UTC"; undefined for anything that is not an instant. */
export function formatLaunchTime(iso: string): string | undefined {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : launchTime.format(ms);
}

const browse = { to: 'programs', label: 'Browse programs' } as const;

/** The message for a cause: what happened, in words, and what the viewer can do. */
export function failureMessage(failure: PlaybackFailure, availableAt?: string | null): FailureMessage {
  switch (failure) {
    case 'not-launched': {
      const when = availableAt ? formatLaunchTime(availableAt) : undefined;
      return {
        title: 'Not yet available',
        body: when
          ? `This workout's program launches on ${when}. Come back then to play it.`
          : "This workout's program has not launched yet. Come back when it has to play it.",
        way: browse,
        retry: true,
        primary: 'way',
      };
    }
    case 'unlicensed':
      return {
        title: 'Not available in your country',
        body: "This workout's program is not licensed for streaming in the country you are in. Other programs may be.",
        way: browse,
        retry: false,
        primary: 'way',
      };
    case 'subscription-required':
      return {
        title: 'No active subscription',
        body: 'Your account does not have an active subscription, which streaming workouts needs. Browsing programs stays free.',
        way: { to: 'account', label: 'See your account' },
        retry: true,
        primary: 'retry',
      };
    case 'signed-out':
      return {
        title: 'You are not signed in',
        body: 'Sign in to play this workout. You will come straight back here.',
        way: { to: 'sign-in', label: 'Sign in' },
        retry: true,
        primary: 'way',
      };
    case 'not-found':
      return {
        title: 'Workout not found',
        body: 'There is no workout at this address. It may have moved: its program lists the workouts it has now.',
        way: browse,
        retry: false,
        primary: 'way',
      };
    case 'offline':
      return {
        title: 'You are offline',
        body: 'The workout stopped because this device lost its connection. Reconnect, then retry: it resumes where you were.',
        retry: true,
        primary: 'retry',
      };
    case 'unavailable':
      return {
        title: 'Stream unavailable',
        body: 'This workout could not be streamed right now. Retry in a moment: it resumes where you were.',
        retry: true,
        primary: 'retry',
      };
    case 'unsupported':
      return {
        title: 'This browser cannot play the stream',
        body: 'Playing workouts needs HLS video support. Try a current version of Chrome, Edge, Firefox or Safari.',
        retry: true,
        primary: 'retry',
      };
  }
}
