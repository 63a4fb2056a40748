import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys, TIME_TO_LIVE_ATTRIBUTE } from './table';
import type { ApiTable } from './users';

/**
 * Guessing resistance without lockout. Failed attempts (a wrong password, a sign-up for an
 * address already registered, a wrong device code) are counted per key (an account, a client
 * address). Below `threshold` failures nothing happens; from the `threshold`-th failure on, every
 * attempt waits: `baseDelaySec` after the threshold-th failure, doubling with each further
 * failure, never more than `maxDelaySec`. An attempt during the wait is answered 429 with
 * Retry-After and is not judged at all (a correct password waits too, so the wait cannot be used
 * to test guesses), nor counted (waiting out a lock never makes it longer). A key's count is
 * forgotten `windowSec` after its last failure (the item's TTL); a successful sign-in forgets
 * the account's count at once. There is no permanent lock: the longest wait is `maxDelaySec`.
 */
export interface ThrottleRule {
  /** The failure that starts the waits (the first `threshold - 1` are free). */
  readonly threshold: number;
  readonly baseDelaySec: number;
  readonly maxDelaySec: number;
  /** A count is forgotten this long after its last failure. */
  readonly windowSec: number;
}

/** Per account (an email at sign-in, a signed-in viewer approving device codes). */
export const ACCOUNT_RULE: ThrottleRule = { threshold: 5, baseDelaySec: 30, maxDelaySec: 15 * 60, windowSec: 24 * 3600 };
/** Per client address: higher, because a household, an office or a carrier's NAT share one. */
export const ADDRESS_RULE: ThrottleRule = { threshold: 20, baseDelaySec: 30, maxDelaySec: 15 * 60, windowSec: 24 * 3600 };

/** Seconds to wait after the `failures`-th failure (0: none). */
export function delayAfter(failures: number, rule: ThrottleRule): number {
  if (failures < rule.threshold) return 0;
  // 2^(failures - threshold), bounded before it can overflow.
  const doublings = Math.min(failures - rule.threshold, 30);
  return Math.min(rule.baseDelaySec * 2 ** doublings, rule.maxDelaySec);
}

export interface ThrottleKey {
  /** What is being attempted: `login`, `signup`, `device`. */
  readonly action: string;
  readonly scope: 'account' | 'address';
  readonly id: string;
  readonly rule: ThrottleRule;
}

interface Counter {
  readonly failures: number;
  readonly lockedUntilMs: number;
}

/** A wait in force: how long until the next attempt is judged. */
export interface Wait {
  readonly retryAfterSec: number;
}

/** Failure counters in the API table (layout in table.ts). */
export class Throttle {
  constructor(
    private readonly table: ApiTable,
    private readonly now: () => Date,
  ) {}

  private async read(key: ThrottleKey, nowMs: number): Promise<Counter | undefined> {
    const { Item } = await this.table.db.send(
      new GetCommand({ TableName: this.table.name, Key: keys.throttle(key.action, key.scope, key.id), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    // Expired but not yet deleted by TTL (which runs late): as good as gone.
    const ttl = Number(Item[TIME_TO_LIVE_ATTRIBUTE]);
    if (!Number.isFinite(ttl) || ttl * 1000 <= nowMs) return undefined;
    return { failures: Number(Item.failures) || 0, lockedUntilMs: Number(Item.lockedUntilMs) || 0 };
  }

  /** The wait in force for any of these keys (the longest), or undefined when an attempt may be judged now. */
  async waitFor(throttleKeys: readonly ThrottleKey[]): Promise<Wait | undefined> {
    const nowMs = this.now().getTime();
    const counters = await Promise.all(throttleKeys.map((k) => this.read(k, nowMs)));
    const lockedUntilMs = Math.max(0, ...counters.map((c) => c?.lockedUntilMs ?? 0));
    return lockedUntilMs > nowMs ? { retryAfterSec: Math.ceil((lockedUntilMs - nowMs) / 1000) } : undefined;
  }

  /**
   * Counts one failure on each key; returns the wait it starts (the longest), if any. Read, then
   * write: two failures racing on one key may count once, which only errs by one attempt.
   */
  async recordFailure(throttleKeys: readonly ThrottleKey[]): Promise<Wait | undefined> {
    const nowMs = this.now().getTime();
    const waits = await Promise.all(
      throttleKeys.map(async (key) => {
        const failures = ((await this.read(key, nowMs))?.failures ?? 0) + 1;
        const delaySec = delayAfter(failures, key.rule);
        const lockedUntilMs = nowMs + delaySec * 1000;
        await this.table.db.send(
          new PutCommand({
            TableName: this.table.name,
            Item: {
              ...keys.throttle(key.action, key.scope, key.id),
              failures,
              lastFailureAtMs: nowMs,
              lockedUntilMs,
              [TIME_TO_LIVE_ATTRIBUTE]: Math.ceil(Math.max(lockedUntilMs, nowMs + key.rule.windowSec * 1000) / 1000),
            },
          }),
        );
        return delaySec;
      }),
    );
    const longest = Math.max(0, ...waits);
    return longest > 0 ? { retryAfterSec: longest } : undefined;
  }

  /** Forgets a key's failures (a successful sign-in clears its account's count). */
  async reset(key: ThrottleKey): Promise<void> {
    await this.table.db.send(new DeleteCommand({ TableName: this.table.name, Key: keys.throttle(key.action, key.scope, key.id) }));
  }
}
