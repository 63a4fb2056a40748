import type { Refusal } from '@stride/contract/entitlement';
import type { ApiErrorInfo } from '../../shared/api/api-error';

/**
 * What the player does about a fatal playback error: recover silently while that is sensible,
 * then give up with a cause the viewer can act on. Pure and clock-injected, so it is tested
 * without a browser.
 */

/**
 * Why playback stopped, as the error message names it: one of the API's refusals (who may watch,
 * @stride/contract/entitlement), an unknown workout, or a failure of the device or the network.
 */
export type PlaybackFailure = Refusal | 'not-found' | 'offline' | 'unavailable' | 'unsupported';

/** A fatal error from hls.js (or the native <video> element), reduced to what the policy needs. */
export type FatalError =
  { readonly kind: 'network'; readonly httpStatus?: number } | { readonly kind: 'media' } | { readonly kind: 'other' };

export type RecoveryAction =
  /** hls.js recoverMediaError(): re-opens the media source, keeps the position. */
  | { readonly type: 'recover-media' }
  /** hls.js startLoad(): retry fetching playlists/segments after a network failure. */
  | { readonly type: 'restart-load'; readonly delayMs: number }
  /** Ask the API for playback again (fresh signed media cookies), then reload at the position. */
  | { readonly type: 'reauthorize' }
  /** Tear the engine down and load the stream again at the last position. */
  | { readonly type: 'reload' }
  | { readonly type: 'fail'; readonly failure: PlaybackFailure };

export interface RecoveryLimits {
  /** recoverMediaError at most once in this window. */
  readonly mediaRecoveryWindowMs: number;
  readonly maxMediaRecoveries: number;
  readonly maxNetworkRetries: number;
  readonly maxReauthorizations: number;
  readonly maxReloads: number;
  readonly networkRetryBaseMs: number;
}

export const defaultRecoveryLimits: RecoveryLimits = {
  mediaRecoveryWindowMs: 5_000,
  maxMediaRecoveries: 3,
  maxNetworkRetries: 3,
  maxReauthorizations: 2,
  maxReloads: 1,
  networkRetryBaseMs: 1_000,
};

export interface RecoveryState {
  readonly lastMediaRecoveryAt: number | null;
  readonly mediaRecoveries: number;
  readonly networkRetries: number;
  readonly reauthorizations: number;
  readonly reloads: number;
}

export const freshRecoveryState: RecoveryState = {
  lastMediaRecoveryAt: null,
  mediaRecoveries: 0,
  networkRetries: 0,
  reauthorizations: 0,
  reloads: 0,
};

export interface RecoveryContext {
  readonly nowMs: number;
  readonly online: boolean;
  /** The API already answered 401 in this play: asking it for media cookies again is futile. */
  readonly signedOut?: boolean;
  readonly limits?: RecoveryLimits;
}

/** The next action and the state to remember for the decision after it. */
export function decideRecovery(
  state: RecoveryState,
  error: FatalError,
  context: RecoveryContext,
): { action: RecoveryAction; state: RecoveryState } {
  const limits = context.limits ?? defaultRecoveryLimits;
  const fail = (failure: PlaybackFailure) => ({ action: { type: 'fail', failure } as const, state });

  if (error.kind === 'network') {
    const status = error.httpStatus;
    // The CDN refuses media when the signed cookies are missing or expired: authorize again.
    if (status === 401 || status === 403) {
      if (context.signedOut) return fail('signed-out');
      if (state.reauthorizations >= limits.maxReauthorizations) return fail('unavailable');
      return { action: { type: 'reauthorize' }, state: { ...state, reauthorizations: state.reauthorizations + 1 } };
    }
    if (status === 404 || status === 410) return fail('unavailable');
    if (!context.online) return fail('offline');
    if (state.networkRetries >= limits.maxNetworkRetries) return fail('unavailable');
    const delayMs = limits.networkRetryBaseMs * 2 ** state.networkRetries;
    return { action: { type: 'restart-load', delayMs }, state: { ...state, networkRetries: state.networkRetries + 1 } };
  }

  if (error.kind === 'media') {
    const recentlyRecovered =
      state.lastMediaRecoveryAt !== null && context.nowMs - state.lastMediaRecoveryAt < limits.mediaRecoveryWindowMs;
    if (!recentlyRecovered && state.mediaRecoveries < limits.maxMediaRecoveries) {
      return {
        action: { type: 'recover-media' },
        state: { ...state, mediaRecoveries: state.mediaRecoveries + 1, lastMediaRecoveryAt: context.nowMs },
      };
    }
    // recoverMediaError did not hold: one clean reload before telling the viewer.
    if (state.reloads < limits.maxReloads) return { action: { type: 'reload' }, state: { ...state, reloads: state.reloads + 1 } };
    return fail('unavailable');
  }

  if (state.reloads < limits.maxReloads) return { action: { type: 'reload' }, state: { ...state, reloads: state.reloads + 1 } };
  return fail(context.online ? 'unavailable' : 'offline');
}

/**
 * Playback continued normally for a while: forget network retries so a long workout survives
 * several unrelated blips, but keep the media-recovery clock and the reload budget.
 */
export const afterHealthyPlayback = (state: RecoveryState): RecoveryState => ({ ...state, networkRetries: 0, reauthorizations: 0 });

// Every refusal the contract names, checked by the compiler: a new one must be added here.
const REFUSALS: Record<Refusal, true> = { 'signed-out': true, unlicensed: true, 'not-launched': true, 'subscription-required': true };
const isRefusal = (reason: string | undefined): reason is Refusal =>
  reason !== undefined && Object.prototype.hasOwnProperty.call(REFUSALS, reason);

/**
 * A failed playback-authorization request as the cause shown to the viewer. The API names its
 * refusal (`reason`); without one (a region still on the previous release during a deploy, or a
 * reason this build does not know) the status says it: 401 signed out, 403 no subscription, 451
 * outside the licence, 404 no such workout. Anything else left after the client's own retries
 * means the stream cannot be had right now.
 */
export function failureFromApi(error: Pick<ApiErrorInfo, 'kind' | 'status' | 'reason'>): PlaybackFailure {
  if (error.kind === 'offline') return 'offline';
  if (isRefusal(error.reason)) return error.reason;
  switch (error.status) {
    case 401:
      return 'signed-out';
    case 403:
      return 'subscription-required';
    case 404:
      return 'not-found';
    case 451:
      return 'unlicensed';
    default:
      return 'unavailable';
  }
}
