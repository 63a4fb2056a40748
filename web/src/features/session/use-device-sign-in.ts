import type { FetchBaseQueryError } from '@reduxjs/toolkit/query';
import type { SerializedError } from '@reduxjs/toolkit';
import { useCallback, useEffect, useState } from 'react';
import { useAuthorizeDeviceMutation, useDeviceTokenMutation, type DeviceAuthorization, type SessionUser } from './sessionApi';

/** Why the code on screen no longer works, in the TV's words. */
export type DeviceSignInEnd = 'expired' | 'denied' | 'failed';

export type DeviceSignInState =
  | { readonly phase: 'starting' }
  | { readonly phase: 'waiting'; readonly codes: DeviceAuthorization }
  | { readonly phase: 'ended'; readonly reason: DeviceSignInEnd }
  | { readonly phase: 'signed-in'; readonly user: SessionUser };

/** RFC 8628 §3.5's `error` of a token poll's 400, or undefined for any other failure. */
export function tokenErrorOf(error: FetchBaseQueryError | SerializedError | undefined): { code: string; interval?: number } | undefined {
  if (!error || !('status' in error) || error.status !== 400) return undefined;
  const data = error.data as { error?: unknown; interval?: unknown } | undefined;
  if (typeof data?.error !== 'string') return undefined;
  return typeof data.interval === 'number' ? { code: data.error, interval: data.interval } : { code: data.error };
}

/** What the TV does after a poll's answer: poll again (maybe slower), or stop. */
export function nextAfterPoll(
  error: { code: string; interval?: number } | undefined,
  intervalSec: number,
): { poll: true; intervalSec: number } | { poll: false; reason: DeviceSignInEnd } {
  if (error?.code === 'authorization_pending') return { poll: true, intervalSec };
  // §3.5: slow_down adds 5 seconds to this and every later interval.
  if (error?.code === 'slow_down') return { poll: true, intervalSec: error.interval ?? intervalSec + 5 };
  if (error?.code === 'expired_token' || error?.code === 'invalid_grant') return { poll: false, reason: 'expired' };
  if (error?.code === 'access_denied') return { poll: false, reason: 'denied' };
  return { poll: false, reason: 'failed' };
}

/**
 * Device authorization on the TV: asks for codes once (and again on `restart`), then polls the
 * token endpoint every `interval` seconds until the viewer approves on another device (the
 * session cookies arrive with the 200), refuses, or the code expires. Only after hydration: the
 * prerendered page shows the "getting a code" state.
 */
export function useDeviceSignIn(): { state: DeviceSignInState; restart: () => void } {
  const [authorize] = useAuthorizeDeviceMutation();
  const [pollToken] = useDeviceTokenMutation();
  const [state, setState] = useState<DeviceSignInState>({ phase: 'starting' });
  const [round, setRound] = useState(0);
  const restart = useCallback(() => {
    setState({ phase: 'starting' });
    setRound((r) => r + 1);
  }, []);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = (codes: DeviceAuthorization, intervalSec: number) => {
      timer = setTimeout(() => {
        void pollToken({ deviceCode: codes.deviceCode }).then((result) => {
          if (stopped) return;
          if ('data' in result && result.data) return setState({ phase: 'signed-in', user: result.data });
          const next = nextAfterPoll(tokenErrorOf(result.error), intervalSec);
          if (next.poll) poll(codes, next.intervalSec);
          else setState({ phase: 'ended', reason: next.reason });
        });
      }, intervalSec * 1000);
    };
    void authorize(undefined).then((result) => {
      if (stopped) return;
      if (!('data' in result) || !result.data) return setState({ phase: 'ended', reason: 'failed' });
      setState({ phase: 'waiting', codes: result.data });
      poll(result.data, result.data.interval);
    });
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [authorize, pollToken, round]);

  return { state, restart };
}
