import type { PlaybackFailure } from '../recovery-policy';

/** The message for each cause: what happened, in words, and what the viewer can do. */
export const failureMessages: Record<PlaybackFailure, { readonly title: string; readonly body: string }> = {
  offline: { title: 'You are offline', body: 'The workout stopped because this device lost its connection. Reconnect, then retry: it resumes where you were.' },
  'signed-out': { title: 'You are not signed in', body: 'Sign in to play this workout. You will come straight back here.' },
  'no-subscription': { title: 'No active subscription', body: 'Your account does not have an active subscription, which streaming workouts needs. Browsing programs stays free.' },
  unavailable: { title: 'Stream unavailable', body: 'This workout could not be streamed right now. Retry in a moment: it resumes where you were.' },
  unsupported: { title: 'This browser cannot play the stream', body: 'Playing workouts needs HLS video support. Try a current version of Chrome, Edge, Firefox or Safari.' },
};
