import { preferredPath, requestWithFallback, type FallbackDeps } from '../api/region-fallback';
import { defaultRetryPolicy } from '../api/retry-policy';
import {
  DEFAULT_OUTBOX_LIMITS,
  dueEntries,
  enqueue,
  inOrder,
  outcomeOf,
  parseEntries,
  pendingProgress,
  releaseHeld,
  settle,
  unexpired,
  type OutboxEntry,
  type OutboxLimits,
  type OutboxWrite,
  type ProgressWrite,
  type SendOutcome,
} from './outbox-entries';

/**
 * The durable client outbox for writes (progress saves, view milestones). Each write is stored
 * (localStorage: it survives a reload and a closed tab) before it is sent, sent oldest first
 * through `requestWithFallback` (the default path, then the regions' pinned paths), retried with
 * backoff until a region acknowledges it, and removed only then. Every write is idempotent at the
 * API (a milestone by its eventId, a position by its savedAt), so sending one twice (a beacon on
 * leave, another tab, a retry whose answer was lost) is harmless; the outbox only avoids it where
 * that is cheap.
 */

export { DEFAULT_OUTBOX_LIMITS, outcomeOf } from './outbox-entries';
export type { OutboxEntry, OutboxLimits, OutboxWrite, ProgressWrite, SendOutcome, ViewWrite } from './outbox-entries';

/** Where the outbox keeps its entries in the page's storage (the drill reads a real player's from there). */
export const OUTBOX_STORAGE_KEY = 'stride.outbox.v1';

/** The part of the Web Storage API the outbox uses. */
export type OutboxStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The part of the Web Locks API the outbox uses (one tab flushes at a time). */
export interface OutboxLocks {
  request(name: string, options: { ifAvailable: true }, callback: (lock: unknown) => Promise<void>): Promise<unknown>;
}

export interface OutboxOptions {
  readonly storage: OutboxStorage;
  /** @default OUTBOX_STORAGE_KEY */
  readonly storageKey?: string;
  /** How requests are sent (the page's shared route memory, fetch, clock, random). */
  readonly fallback: FallbackDeps;
  /** @default DEFAULT_OUTBOX_LIMITS */
  readonly limits?: Partial<OutboxLimits>;
  /** navigator.locks where the browser has it. */
  readonly locks?: OutboxLocks;
  /** navigator.sendBeacon where the browser has it. */
  readonly sendBeacon?: (url: string, body: Blob) => boolean;
  /** Told about writes dropped (a 4xx, age, size, unreadable storage). @default console.warn */
  readonly log?: (message: string) => void;
  /**
   * Told what each send of an entry came to, after the entry was settled in storage (a flush's
   * send or a keepalive fetch on leave; not a beacon, whose answer no one sees). The drill
   * accounts its viewers' acknowledged and dropped writes with it.
   */
  readonly onSent?: (entry: OutboxEntry, outcome: SendOutcome) => void;
}

export interface Outbox {
  /**
   * Stores `write` and sends it (with whatever else is due); with `send: false` only stores it
   * (on leave, where `sendOnLeave` sends it instead of a fetch the closing page would cancel).
   */
  add(write: OutboxWrite, options?: { readonly send?: boolean }): void;
  /** Sends every due entry, oldest first, until one fails; resolves when done. */
  flush(): Promise<void>;
  /** What waits, oldest first. */
  entries(): readonly OutboxEntry[];
  /** The workout's queued position, if one waits to be sent. */
  pendingProgress(workoutId: string): ProgressWrite | undefined;
  /**
   * A signed-in page: entries held by a 401 are sent again, everything due now. With the
   * viewer's id (a sign-in on this page): writes another viewer left in this browser (a shared
   * device, their session expired) are dropped, never sent under this viewer's session.
   */
  signedIn(userId?: string): Promise<void>;
  /**
   * The page is going away: every entry not yet beaconed in this page's life goes out by
   * sendBeacon (POST) or a keepalive fetch (PUT), to the route the memory says works. They stay
   * stored until a later flush is acknowledged (a keepalive fetch's answer, if the page lives to
   * see it, counts).
   */
  sendOnLeave(): void;
  /** Called with every 401 an outbox send earned: the viewer is signed out. Returns the unsubscribe. */
  onUnauthorized(listener: () => void): () => void;
  /** Cancels the retry timer (tests, and a page tearing down). */
  stop(): void;
}

const LOCK_NAME = 'stride-outbox';
/** A tab that found another one flushing looks again after this long. */
const LOCK_BUSY_RETRY_MS = 2_000;
/** sendBeacon and keepalive share a 64 KiB budget per page: a leave sends at most this many. */
const MAX_SENT_ON_LEAVE = 100;

/** One version of an entry (a progress key's position changes): beaconed at most once per page. */
const versionOf = (entry: OutboxEntry): string => (entry.write.kind === 'progress' ? `${entry.key}@${entry.write.savedAt}` : entry.key);

/** The request a write is. */
export function writeRequest(write: OutboxWrite): { path: string; method: 'PUT' | 'POST'; body: string; idempotent: boolean } {
  if (write.kind === 'progress') {
    const { positionSec, durationSec, savedAt } = write;
    return {
      path: `/api/progress/${encodeURIComponent(write.workoutId)}`,
      method: 'PUT',
      body: JSON.stringify({ positionSec, durationSec, savedAt }),
      idempotent: true,
    };
  }
  // A milestone is a set member at the API (its eventId): a POST safe to send again.
  return { path: '/api/views', method: 'POST', body: JSON.stringify(write.event), idempotent: true };
}

export function createOutbox(options: OutboxOptions): Outbox {
  const storageKey = options.storageKey ?? OUTBOX_STORAGE_KEY;
  const limits: OutboxLimits = { ...DEFAULT_OUTBOX_LIMITS, ...options.limits };
  const { fallback } = options;
  const log = options.log ?? ((message: string) => console.warn(message));
  // One round over the routes per send: the outbox does its own, longer backoff between sends.
  const oneRound: FallbackDeps = { ...fallback, policy: { ...(fallback.policy ?? defaultRetryPolicy), maxAttempts: 1 } };
  const unauthorizedListeners = new Set<() => void>();
  const beaconed = new Set<string>();
  // Kept in memory too, for a browser whose storage refuses writes (private mode, quota).
  let cached: OutboxEntry[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let flushing: Promise<void> | undefined;
  let again = false;

  function load(): OutboxEntry[] {
    let text: string | null;
    try {
      text = options.storage.getItem(storageKey);
    } catch {
      return cached;
    }
    const { entries, unreadable } = parseEntries(text);
    if (unreadable > 0) log(`outbox: ${unreadable} unreadable stored entr${unreadable === 1 ? 'y' : 'ies'} dropped`);
    const live = unexpired(entries, fallback.now(), limits);
    if (live.length < entries.length) log(`outbox: ${entries.length - live.length} write(s) older than ${limits.maxAgeMs} ms dropped`);
    // Dropped once: stored without them, so they are not reported again.
    if (unreadable > 0 || live.length < entries.length) store(live);
    return live;
  }

  function store(entries: readonly OutboxEntry[]): void {
    cached = inOrder(entries);
    try {
      options.storage.setItem(storageKey, JSON.stringify(cached));
    } catch {
      // Kept in memory for this page's life; the next write tries storage again.
    }
  }

  function update(change: (entries: readonly OutboxEntry[]) => OutboxEntry[]): void {
    store(change(load()));
  }

  function schedule(minDelayMs = 0): void {
    clearTimeout(timer);
    timer = undefined;
    const waiting = load().filter((entry) => !entry.held);
    if (waiting.length === 0) return;
    const next = Math.min(...waiting.map((entry) => entry.nextTryAt));
    timer = setTimeout(() => void flush(), Math.max(minDelayMs, next - fallback.now()));
  }

  async function send(entry: OutboxEntry): Promise<SendOutcome> {
    const { path, method, body, idempotent } = writeRequest(entry.write);
    try {
      const response = await requestWithFallback(
        path,
        { method, body, idempotent, headers: { 'content-type': 'application/json' }, credentials: 'same-origin' },
        oneRound,
      );
      void response.body?.cancel().catch(() => undefined);
      return outcomeOf(response.status);
    } catch {
      return 'retry';
    }
  }

  function apply(entry: OutboxEntry, outcome: SendOutcome): void {
    if (outcome === 'dropped') log(`outbox: ${entry.key} refused by the API, dropped`);
    update((entries) => settle(entries, entry, outcome, fallback.now(), limits, fallback.random));
    options.onSent?.(entry, outcome);
    if (outcome === 'held') for (const listener of unauthorizedListeners) listener();
  }

  async function sendDue(): Promise<void> {
    for (let sent = 0; sent < limits.maxEntries; sent += 1) {
      const next = dueEntries(load(), fallback.now())[0];
      if (!next) return;
      const outcome = await send(next);
      apply(next, outcome);
      // The rest would fare the same (the same regions, the same session): they wait their turn.
      if (outcome === 'retry' || outcome === 'held') return;
    }
  }

  /** Sends under the tab-wide lock when the browser has one; false when another tab holds it. */
  async function sendDueOnce(): Promise<boolean> {
    if (!options.locks) {
      await sendDue();
      return true;
    }
    let ran = false;
    await options.locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => {
      if (lock === null) return;
      ran = true;
      await sendDue();
    });
    return ran;
  }

  function flush(): Promise<void> {
    if (flushing) {
      again = true;
      return flushing;
    }
    clearTimeout(timer);
    flushing = (async () => {
      let ran = true;
      do {
        again = false;
        ran = await sendDueOnce().catch(() => true);
      } while (again && ran);
      flushing = undefined;
      schedule(ran ? 0 : LOCK_BUSY_RETRY_MS);
    })();
    return flushing;
  }

  function sendOnLeave(): void {
    const now = fallback.now();
    const leaving = inOrder(load())
      .filter((entry) => !entry.held && !beaconed.has(versionOf(entry)))
      .slice(0, MAX_SENT_ON_LEAVE);
    for (const entry of leaving) {
      beaconed.add(versionOf(entry));
      const { path, method, body } = writeRequest(entry.write);
      const url = `${fallback.origin ?? ''}${preferredPath(path, fallback.memory, now)}`;
      const blob = new Blob([body], { type: 'application/json' });
      if (method === 'POST' && options.sendBeacon?.(url, blob) === true) continue;
      void fallback
        .fetch(url, { method, body, headers: { 'content-type': 'application/json' }, keepalive: true, credentials: 'same-origin' })
        .then(
          (response) => apply(entry, outcomeOf(response.status)),
          () => undefined,
        );
    }
  }

  return {
    add(write, { send = true } = {}) {
      update((entries) => enqueue(entries, write, fallback.now(), limits));
      if (send) void flush();
      else schedule();
    },
    flush,
    entries: () => inOrder(load()),
    pendingProgress: (workoutId) => pendingProgress(load(), workoutId),
    signedIn(userId) {
      if (userId !== undefined) {
        const ownerKey = `${storageKey}.owner`;
        let owner: string | null = null;
        try {
          owner = options.storage.getItem(ownerKey);
          options.storage.setItem(ownerKey, userId);
        } catch {
          // Without storage the entries live only in this page, made by this viewer.
        }
        const others = owner !== null && owner !== userId ? load().length : 0;
        if (others > 0) {
          log(`outbox: ${others} write(s) of the viewer signed in before dropped`);
          store([]);
        }
      }
      update((entries) => releaseHeld(entries, fallback.now()));
      return flush();
    },
    sendOnLeave,
    onUnauthorized(listener) {
      unauthorizedListeners.add(listener);
      return () => {
        unauthorizedListeners.delete(listener);
      };
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
