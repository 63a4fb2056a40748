import { describe, expect, it } from 'vitest';
import { daysInWords, daysLeft, subscriptionWords } from './subscription-words';

const now = Date.parse('2026-11-22T06:00:00Z');

describe('subscription words (the account page)', () => {
  it('counts days left rounded up, and none once ended', () => {
    expect(daysLeft('2026-11-29T06:00:00Z', now)).toBe(7);
    expect(daysLeft('2026-11-22T08:00:00Z', now)).toBe(1);
    expect(daysLeft('2026-11-21T06:00:00Z', now)).toBe(0);
    expect([1, 2, 7, 12, 30].map(daysInWords)).toEqual(['one day', 'two days', 'seven days', 'twelve days', '30 days']);
  });

  it('says a running trial’s days left in words', () => {
    expect(subscriptionWords({ status: 'trial', endsAt: '2026-11-29T06:00:00Z' }, now)).toEqual({
      label: 'Free trial',
      sentence: 'Every workout is yours to stream during your trial. You have seven days of your free trial left (until 29 November 2026).',
    });
    expect(subscriptionWords({ status: 'trial', endsAt: '2026-11-23T05:00:00Z' }, now).sentence).toContain('Your free trial ends tomorrow');
  });

  it('asks an ended trial to subscribe, and says a viewer without one needs one', () => {
    const ended = subscriptionWords({ status: 'expired', endsAt: '2026-11-21T06:00:00Z' }, now);
    expect(ended).toMatchObject({ label: 'Ended' });
    expect(ended.sentence).toBe(
      'Your access ended on 21 November 2026. Subscribe to keep streaming workouts; browsing programs stays free.',
    );
    expect(subscriptionWords({ status: 'none', endsAt: null }, now)).toMatchObject({ label: 'No subscription' });
    expect(subscriptionWords({ status: 'active', endsAt: null }, now)).toEqual({
      label: 'Active',
      sentence: 'Your subscription is active: every workout is yours to stream.',
    });
  });
});
