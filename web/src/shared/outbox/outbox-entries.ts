import type { ViewEvent } from '@stride/contract/api-shapes';

/**
 * The outbox's pure rules: what a pending write is, how a new one joins the queue, which are due,
 * and what an answer does to them. No storage, no timers, no fetch (outbox.ts adds those).
 */

/** A progress save: the position, and when the player read it (the API keeps the newest `savedAt`). */
export interface ProgressWrite {
  readonly kind: 'progress';
  readonly workoutId: string;
  readonly positionSec: number;
  readonly durationSec: number;
  readonly savedAt: number;
}

/** One view milestone of one play; its `eventId` makes it a set member at the API. */
export interface ViewWrite {
  readonly kind: 'view';
  readonly event: ViewEvent;
}

export type OutboxWrite = ProgressWrite | ViewWrite;

export interface OutboxEntry {
  /** One entry per key: `progress:<workoutId>` (coalesced) or `view:<eventId>` (deduplicated). */
  readonly key: string;
  readonly write: OutboxWrite;
  /** When the key was first queued: the sending order (oldest first). */
  readonly queuedAt: number;
  /** Failed sends so far; sizes the backoff. */
  readonly attempts: number;
  /** Not sent before this (ms since the epoch). */
  readonly nextTryAt: number;
  /** Refused with 401: kept, unsent, until the viewer signs in again. */
  readonly held: boolean;
}

export interface OutboxLimits {
  /** The oldest entries beyond this many are dropped. @default 200 */
  readonly maxEntries: number;
  /** An entry older than this is dropped (a viewer who never signs in again). @default 7 days */
  readonly maxAgeMs: number;
  /** First retry waits about this long (half fixed, half jitter). @default 1 s */
  readonly baseDelayMs: number;
  /**
   * The longest wait between retries. @default 30 s: a region outage lasts up to
   * worstCaseFlipSeconds(AWS_DEFAULT_FAILOVER) = 180 s on the default path, but each send tries
   * the pinned paths too, so a write waits at most this long after any region answers again.
   */
  readonly maxDelayMs: number;
}

export const DEFAULT_OUTBOX_LIMITS: OutboxLimits = {
  maxEntries: 200,
  maxAgeMs: 7 * 24 * 3600 * 1000,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
};

/** What an answer to a send means for its entry. */
export type SendOutcome = 'acknowledged' | 'retry' | 'held' | 'dropped';

/**
 * 2xx: done. 401: signed out, kept for the next sign-in. 408, 429, 5xx and no answer: retried.
 * Any other 4xx will not change by asking again (a bad body, an unknown workout): dropped.
 */
export function outcomeOf(status: number | 'network'): SendOutcome {
  if (status === 'network') return 'retry';
  if (status >= 200 && status <= 299) return 'acknowledged';
  if (status === 401) return 'held';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'dropped';
}

export const entryKey = (write: OutboxWrite): string =>
  write.kind === 'progress' ? `progress:${write.workoutId}` : `view:${write.event.eventId}`;

const sameVersion = (a: OutboxWrite, b: OutboxWrite): boolean =>
  a.kind === 'progress' && b.kind === 'progress' ? a.savedAt === b.savedAt : true;

/**
 * `entries` with `write` queued at `nowMs`. A milestone already queued is not queued twice; a
 * progress save replaces the workout's queued one only when it was read later (newer `savedAt`),
 * keeping that key's place in the order. Beyond `maxEntries`, the oldest go. A new write is also
 * the occasion to try the waiting ones again (in order, so it does not overtake them): the
 * queue is due at once.
 */
export function enqueue(entries: readonly OutboxEntry[], write: OutboxWrite, nowMs: number, limits: OutboxLimits): OutboxEntry[] {
  const key = entryKey(write);
  const existing = entries.find((entry) => entry.key === key);
  if (existing) {
    if (write.kind !== 'progress' || existing.write.kind !== 'progress' || write.savedAt <= existing.write.savedAt) return [...entries];
    return dueNow(
      entries.map((entry) => (entry.key === key ? { ...entry, write, attempts: 0 } : entry)),
      nowMs,
    );
  }
  const added = [...entries, { key, write, queuedAt: nowMs, attempts: 0, nextTryAt: nowMs, held: false }];
  return dueNow(inOrder(added).slice(-limits.maxEntries), nowMs);
}

/** Every entry not held is due at `nowMs` (one already due keeps its time). */
const dueNow = (entries: readonly OutboxEntry[], nowMs: number): OutboxEntry[] =>
  entries.map((entry) => (entry.held || entry.nextTryAt <= nowMs ? entry : { ...entry, nextTryAt: nowMs }));

/** Oldest first (by when the key was first queued; ties keep their order). */
export const inOrder = (entries: readonly OutboxEntry[]): OutboxEntry[] => [...entries].sort((a, b) => a.queuedAt - b.queuedAt);

/**
 * The entries to send now, oldest first: those not held for a sign-in, once the oldest of them is
 * due (a newer write never overtakes an older one waiting out its backoff).
 */
export function dueEntries(entries: readonly OutboxEntry[], nowMs: number): OutboxEntry[] {
  const waiting = inOrder(entries).filter((entry) => !entry.held);
  return waiting[0] && waiting[0].nextTryAt <= nowMs ? waiting : [];
}

/** The entries younger than `maxAgeMs`. */
export const unexpired = (entries: readonly OutboxEntry[], nowMs: number, limits: OutboxLimits): OutboxEntry[] =>
  entries.filter((entry) => nowMs - entry.queuedAt < limits.maxAgeMs);

/** Retry n (0 first) waits between half and all of min(maxDelayMs, baseDelayMs × 2^n): never 0, never in step with other tabs. */
export function retryDelayMs(retry: number, limits: OutboxLimits, random: () => number): number {
  const ceiling = Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** retry);
  return Math.floor(ceiling / 2 + (Math.min(Math.max(random(), 0), 1) * ceiling) / 2);
}

/**
 * `entries` after `sent` was answered with `outcome`. If its key now holds a newer progress save
 * (queued while the send was on its way), that one stays as it is. An acknowledgement also makes
 * every other waiting entry due at once: a region answers again.
 */
export function settle(
  entries: readonly OutboxEntry[],
  sent: OutboxEntry,
  outcome: SendOutcome,
  nowMs: number,
  limits: OutboxLimits,
  random: () => number,
): OutboxEntry[] {
  const current = entries.find((entry) => entry.key === sent.key);
  const replaced = !current || !sameVersion(current.write, sent.write);
  switch (outcome) {
    case 'acknowledged':
      return dueNow(
        entries.filter((entry) => replaced || entry.key !== sent.key),
        nowMs,
      );
    case 'dropped':
      return entries.filter((entry) => replaced || entry.key !== sent.key);
    case 'held':
      // Signed out: every other write would be refused as well.
      return entries.map((entry) => ({ ...entry, held: true }));
    case 'retry':
      return entries.map((entry) =>
        !replaced && entry.key === sent.key
          ? { ...entry, attempts: entry.attempts + 1, nextTryAt: nowMs + retryDelayMs(entry.attempts, limits, random) }
          : entry,
      );
  }
}

/** After a sign-in (or a page load, signed in): every entry is due again, the held ones too. */
export const releaseHeld = (entries: readonly OutboxEntry[], nowMs: number): OutboxEntry[] =>
  entries.map((entry) => ({ ...entry, held: false, nextTryAt: Math.min(entry.nextTryAt, nowMs) }));

/** The newest queued position of a workout, if one waits to be sent. */
export function pendingProgress(entries: readonly OutboxEntry[], workoutId: string): ProgressWrite | undefined {
  const entry = entries.find((candidate) => candidate.key === `progress:${workoutId}`);
  return entry?.write.kind === 'progress' ? entry.write : undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function isWrite(value: unknown): value is OutboxWrite {
  if (!isObject(value)) return false;
  if (value.kind === 'progress')
    return (
      typeof value.workoutId === 'string' &&
      isFiniteNumber(value.positionSec) &&
      isFiniteNumber(value.durationSec) &&
      isFiniteNumber(value.savedAt)
    );
  if (value.kind === 'view') {
    const { event } = value;
    return isObject(event) && typeof event.eventId === 'string' && typeof event.workoutId === 'string' && typeof event.playId === 'string';
  }
  return false;
}

function isEntry(value: unknown): value is OutboxEntry {
  return (
    isObject(value) &&
    typeof value.key === 'string' &&
    isWrite(value.write) &&
    value.key === entryKey(value.write) &&
    isFiniteNumber(value.queuedAt) &&
    isFiniteNumber(value.attempts) &&
    isFiniteNumber(value.nextTryAt) &&
    typeof value.held === 'boolean'
  );
}

/** The entries stored as `text` (JSON); anything unreadable is left out and counted. */
export function parseEntries(text: string | null): { entries: OutboxEntry[]; unreadable: number } {
  if (text === null || text === '') return { entries: [], unreadable: 0 };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { entries: [], unreadable: 1 };
  }
  if (!Array.isArray(value)) return { entries: [], unreadable: 1 };
  const entries = value.filter(isEntry);
  return { entries, unreadable: value.length - entries.length };
}
