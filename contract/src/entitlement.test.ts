import { describe, expect, it } from 'vitest';
import {
  compileRelease,
  isEntitled,
  mayWatch,
  needsSession,
  programAvailability,
  REFUSAL_STATUS,
  type Subscription,
  type WatchQuestion,
} from './entitlement';

const LAUNCH = Date.parse('2027-02-01T06:00:00Z');
const everywhere = compileRelease('2027-02-01T06:00:00Z', undefined);
const licensed = compileRelease('2027-02-01T06:00:00Z', ['US', 'gb']);
const active: Subscription = { status: 'active' };
const ask = (over: Partial<WatchQuestion>): ReturnType<typeof mayWatch> =>
  mayWatch({ subscription: active, release: everywhere, country: 'US', nowMs: LAUNCH, ...over });

describe('programAvailability', () => {
  it('flips exactly at launchAt, to the millisecond', () => {
    expect(programAvailability(everywhere, 'US', LAUNCH - 1)).toBe('upcoming');
    expect(programAvailability(everywhere, 'US', LAUNCH)).toBe('released');
    expect(programAvailability(everywhere, undefined, LAUNCH)).toBe('released');
  });

  it('fails closed on licences: an unknown country is outside; codes compare uppercase', () => {
    expect(programAvailability(licensed, 'GB', LAUNCH)).toBe('released');
    expect(programAvailability(licensed, 'JP', LAUNCH)).toBe('unlicensed');
    expect(programAvailability(licensed, undefined, LAUNCH)).toBe('unlicensed');
    // Outside the licence says nothing about a date that will not apply.
    expect(programAvailability(licensed, 'JP', LAUNCH - 1)).toBe('unlicensed');
  });

  it('refuses a launch date that is not an instant, naming it', () => {
    expect(() => compileRelease('next monday', undefined)).toThrow('launchAt "next monday" is not an ISO 8601 instant');
  });
});

describe('isEntitled', () => {
  it('a paid subscription or a running trial entitles; an ended one, none or expired does not', () => {
    expect(isEntitled({ status: 'active' }, LAUNCH)).toBe(true);
    expect(isEntitled({ status: 'trial', endsAtMs: LAUNCH + 1 }, LAUNCH)).toBe(true);
    expect(isEntitled({ status: 'trial', endsAtMs: LAUNCH }, LAUNCH)).toBe(false);
    expect(isEntitled({ status: 'active', endsAtMs: LAUNCH - 1 }, LAUNCH)).toBe(false);
    expect(isEntitled({ status: 'expired' }, LAUNCH)).toBe(false);
    expect(isEntitled({ status: 'none' }, LAUNCH)).toBe(false);
  });
});

describe('mayWatch: session, licence, launch, subscription, in that order', () => {
  it('grants a subscriber inside the licence after launch', () => {
    expect(ask({})).toEqual({ allowed: true });
  });

  it('names each refusal with the status the API answers', () => {
    expect(ask({ subscription: undefined })).toEqual({ allowed: false, reason: 'signed-out' });
    expect(ask({ release: licensed, country: 'JP' })).toEqual({ allowed: false, reason: 'unlicensed' });
    expect(ask({ nowMs: LAUNCH - 1000 })).toEqual({ allowed: false, reason: 'not-launched', availableAtMs: LAUNCH });
    expect(ask({ subscription: { status: 'none' } })).toEqual({ allowed: false, reason: 'subscription-required' });
    expect(REFUSAL_STATUS).toEqual({ 'signed-out': 401, unlicensed: 451, 'not-launched': 403, 'subscription-required': 403 });
  });

  it('asks in order: signed out beats all, the licence beats the launch, both beat the subscription', () => {
    expect(ask({ subscription: undefined, release: licensed, country: 'JP', nowMs: 0 })).toMatchObject({ reason: 'signed-out' });
    expect(ask({ subscription: { status: 'none' }, release: licensed, country: 'JP', nowMs: 0 })).toMatchObject({ reason: 'unlicensed' });
    expect(ask({ subscription: { status: 'none' }, nowMs: 0 })).toMatchObject({ reason: 'not-launched' });
  });

  it('a preview moves the launch clock only: the subscription is judged now, the licence still applies', () => {
    expect(ask({ nowMs: LAUNCH - 1000, launchClockMs: LAUNCH })).toEqual({ allowed: true });
    expect(ask({ nowMs: LAUNCH, launchClockMs: LAUNCH - 1000 })).toMatchObject({ reason: 'not-launched' });
    const trialEnded = { status: 'trial' as const, endsAtMs: LAUNCH - 500 };
    expect(ask({ subscription: trialEnded, nowMs: LAUNCH - 100, launchClockMs: LAUNCH })).toMatchObject({
      reason: 'subscription-required',
    });
    expect(ask({ release: licensed, country: 'JP', nowMs: LAUNCH - 1000, launchClockMs: LAUNCH })).toMatchObject({ reason: 'unlicensed' });
  });
});

describe('needsSession', () => {
  it('protects the player and the account, whatever the case, and nothing that only starts alike', () => {
    for (const path of ['/watch', '/watch/w-1', '/WATCH/w-1', '/account', '/account/settings']) expect(needsSession(path), path).toBe(true);
    for (const path of ['/', '/watching', '/accounts', '/programs/watch', '/login']) expect(needsSession(path), path).toBe(false);
  });
});
