import { describe, expect, it } from 'vitest';
import {
  afterHealthyPlayback,
  decideRecovery,
  defaultRecoveryLimits,
  failureFromApi,
  freshRecoveryState,
  type FatalError,
  type RecoveryState,
} from './recovery-policy';

/** Feeds errors through the policy the way the player does, returning the actions taken. */
function run(errors: readonly { error: FatalError; atMs: number; online?: boolean }[], start: RecoveryState = freshRecoveryState) {
  let state = start;
  return errors.map(({ error, atMs, online = true }) => {
    const decision = decideRecovery(state, error, { nowMs: atMs, online });
    state = decision.state;
    return decision.action;
  });
}

describe('media errors', () => {
  it('recovers with recoverMediaError at most once per 5 s, then reloads once, then fails', () => {
    const media: FatalError = { kind: 'media' };
    expect(
      run([
        { error: media, atMs: 0 },
        { error: media, atMs: 1_000 },
        { error: media, atMs: 2_000 },
      ]),
    ).toEqual([{ type: 'recover-media' }, { type: 'reload' }, { type: 'fail', failure: 'unavailable' }]);
  });

  it('allows another recoverMediaError once 5 s have passed, up to the bound', () => {
    const media: FatalError = { kind: 'media' };
    const actions = run([0, 5_000, 10_000, 15_000].map((atMs) => ({ error: media, atMs })));
    expect(actions.map((a) => a.type)).toEqual(['recover-media', 'recover-media', 'recover-media', 'reload']);
    expect(defaultRecoveryLimits.maxMediaRecoveries).toBe(3);
  });
});

describe('network errors', () => {
  it('retries loading with growing delays, then fails as unavailable', () => {
    const net: FatalError = { kind: 'network', httpStatus: 503 };
    expect(run([0, 1, 2, 3].map((atMs) => ({ error: net, atMs })))).toEqual([
      { type: 'restart-load', delayMs: 1_000 },
      { type: 'restart-load', delayMs: 2_000 },
      { type: 'restart-load', delayMs: 4_000 },
      { type: 'fail', failure: 'unavailable' },
    ]);
  });

  it('fails as offline at once when the device is offline', () => {
    expect(run([{ error: { kind: 'network' }, atMs: 0, online: false }])).toEqual([{ type: 'fail', failure: 'offline' }]);
  });

  it('reauthorizes on 403 (expired media cookies), a bounded number of times', () => {
    const forbidden: FatalError = { kind: 'network', httpStatus: 403 };
    expect(run([0, 1, 2].map((atMs) => ({ error: forbidden, atMs })))).toEqual([
      { type: 'reauthorize' },
      { type: 'reauthorize' },
      { type: 'fail', failure: 'unavailable' },
    ]);
  });

  it('once the API has said the session is gone, refused media means signed out, not another authorization', () => {
    const refused: FatalError = { kind: 'network', httpStatus: 403 };
    expect(decideRecovery(freshRecoveryState, refused, { nowMs: 0, online: true, signedOut: true })).toEqual({
      action: { type: 'fail', failure: 'signed-out' },
      state: freshRecoveryState,
    });
    // Other network trouble is still worth retrying: the media cookies may well be valid.
    expect(
      decideRecovery(freshRecoveryState, { kind: 'network', httpStatus: 502 }, { nowMs: 0, online: true, signedOut: true }).action.type,
    ).toBe('restart-load');
  });

  it('gives up on a missing stream without retrying', () => {
    expect(run([{ error: { kind: 'network', httpStatus: 404 }, atMs: 0 }])).toEqual([{ type: 'fail', failure: 'unavailable' }]);
  });

  it('healthy playback restores the network budget but not the reload budget', () => {
    let state = freshRecoveryState;
    for (let i = 0; i < 3; i += 1) state = decideRecovery(state, { kind: 'network' }, { nowMs: i, online: true }).state;
    state = { ...afterHealthyPlayback(state), reloads: 1 };
    expect(decideRecovery(state, { kind: 'network' }, { nowMs: 10, online: true }).action.type).toBe('restart-load');
    expect(decideRecovery(state, { kind: 'other' }, { nowMs: 10, online: true }).action).toEqual({ type: 'fail', failure: 'unavailable' });
  });
});

describe('failureFromApi', () => {
  it.each([
    [{ kind: 'unauthorized', status: 401, reason: 'signed-out' }, 'signed-out'],
    [{ kind: 'request', status: 451, reason: 'unlicensed' }, 'unlicensed'],
    [{ kind: 'forbidden', status: 403, reason: 'not-launched' }, 'not-launched'],
    [{ kind: 'forbidden', status: 403, reason: 'subscription-required' }, 'subscription-required'],
  ] as const)('names the refusal the API gave: %j is %s', (error, failure) => {
    expect(failureFromApi(error)).toBe(failure);
  });

  it('judges an answer without a known reason by its status (an API region on the previous release)', () => {
    expect(failureFromApi({ kind: 'unauthorized', status: 401 })).toBe('signed-out');
    expect(failureFromApi({ kind: 'forbidden', status: 403 })).toBe('subscription-required');
    expect(failureFromApi({ kind: 'forbidden', status: 403, reason: 'no-such-reason' })).toBe('subscription-required');
    expect(failureFromApi({ kind: 'request', status: 451 })).toBe('unlicensed');
    expect(failureFromApi({ kind: 'not-found', status: 404 })).toBe('not-found');
  });

  it('calls the rest offline or unavailable', () => {
    expect(failureFromApi({ kind: 'offline' })).toBe('offline');
    expect(failureFromApi({ kind: 'server', status: 503 })).toBe('unavailable');
    expect(failureFromApi({ kind: 'unknown' })).toBe('unavailable');
    // A reason-shaped name that is not a refusal the contract knows does not pass for one.
    expect(failureFromApi({ kind: 'server', status: 500, reason: 'toString' })).toBe('unavailable');
  });
});
