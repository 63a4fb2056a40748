import type { SessionUser } from './sessionApi';

const SMALL = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const DAY_MS = 86_400_000;

/** A count of days in words: "one day", "seven days", "30 days". */
export function daysInWords(days: number): string {
  const n = SMALL[days] ?? String(days);
  return `${n} day${days === 1 ? '' : 's'}`;
}

/** Whole days until `endsAt`, rounded up (a trial ending in 2 h has one day left); 0 once it has passed. */
export function daysLeft(endsAt: string, nowMs: number): number {
  return Math.max(0, Math.ceil((Date.parse(endsAt) - nowMs) / DAY_MS));
}

const longDate = (iso: string) =>
  new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export interface SubscriptionWords {
  /** The state in two or three words, for the facts list. */
  readonly label: string;
  /** A sentence: what it means and, with an end, the days left in words. */
  readonly sentence: string;
}

/** What the account page says about a subscription, as of `nowMs`. */
export function subscriptionWords(subscription: SessionUser['subscription'], nowMs: number): SubscriptionWords {
  const endsAt = subscription.endsAt ?? null;
  switch (subscription.status) {
    case 'trial': {
      const left = endsAt ? daysLeft(endsAt, nowMs) : undefined;
      const when =
        left === undefined
          ? ''
          : left <= 1
            ? ` Your free trial ends ${left === 0 ? 'today' : 'tomorrow'}`
            : ` You have ${daysInWords(left)} of your free trial left`;
      return {
        label: 'Free trial',
        sentence: `Every workout is yours to stream during your trial.${when}${endsAt ? ` (until ${longDate(endsAt)}).` : ''}`,
      };
    }
    case 'active': {
      const left = endsAt ? daysLeft(endsAt, nowMs) : undefined;
      const when = left === undefined ? '' : ` It runs for ${daysInWords(left)} more (until ${longDate(endsAt ?? '')}).`;
      return { label: 'Active', sentence: `Your subscription is active: every workout is yours to stream.${when}` };
    }
    case 'expired':
      return {
        label: 'Ended',
        sentence: `Your ${endsAt ? `access ended on ${longDate(endsAt)}` : 'trial has ended'}. Subscribe to keep streaming workouts; browsing programs stays free.`,
      };
    default:
      return { label: 'No subscription', sentence: 'You need a subscription to stream workouts. Browsing programs stays free.' };
  }
}
