import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRouteMemory, type RouteMemory } from '../api/region-fallback';
import { createOutbox, OUTBOX_STORAGE_KEY, type Outbox, type OutboxLocks, type OutboxOptions, type SendOutcome } from './outbox';
import {
  DEFAULT_OUTBOX_LIMITS,
  enqueue,
  outcomeOf,
  retryDelayMs,
  settle,
  type OutboxWrite,
  type ProgressWrite,
  type ViewWrite,
} from './outbox-entries';

/** localStorage as the outbox sees it: one Map, shared by every "page" (outbox instance) of a test. */
const memoryStorage = () => {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), items };
};

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly keepalive: boolean;
}

/** The regions as one answer function of (method, path): a status, or 'drop' for no connection. */
function fakeRegions(answer: (call: Sent) => number | 'drop') {
  const sent: Sent[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const call = {
      method: init?.method ?? 'GET',
      path: String(input),
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
      keepalive: init?.keepalive === true,
    };
    sent.push(call);
    const status = answer(call);
    if (status === 'drop') throw new TypeError('fetch failed');
    return new Response(status === 204 ? null : '{}', { status });
  };
  return { fetch: fetch as typeof globalThis.fetch, sent };
}

const progress = (positionSec: number, savedAt: number, workoutId = 'w-1'): ProgressWrite => ({
  kind: 'progress',
  workoutId,
  positionSec,
  durationSec: 600,
  savedAt,
});
const view = (event: '25' | '50' | 'start', playId = 'p-1'): ViewWrite => ({
  kind: 'view',
  event: { workoutId: 'w-1', playId, event, positionSec: 1, durationSec: 600, eventId: `${playId}:${event}` },
});
const describeSent = (sent: readonly Sent[]) =>
  sent.map(
    (call) =>
      `${call.method} ${call.path}${call.body && 'positionSec' in (call.body as object) && call.method === 'PUT' ? ` ${(call.body as { positionSec: number }).positionSec}` : ''}`,
  );

describe('the outbox rules', () => {
  it('keeps a 4xx from being retried, but not 401, 408 or 429', () => {
    expect([200, 202, 204].map(outcomeOf)).toEqual(['acknowledged', 'acknowledged', 'acknowledged']);
    expect([400, 403, 404, 409, 422].map(outcomeOf)).toEqual(['dropped', 'dropped', 'dropped', 'dropped', 'dropped']);
    expect(outcomeOf(401)).toBe('held');
    expect([408, 429, 500, 502, 503, 504, 'network' as const].map(outcomeOf)).toEqual(Array(7).fill('retry'));
  });

  it('queues a milestone once, and a position only when it was read later', () => {
    const limits = DEFAULT_OUTBOX_LIMITS;
    let entries = enqueue([], view('25'), 1, limits);
    entries = enqueue(entries, view('25'), 2, limits);
    entries = enqueue(entries, progress(30, 100), 3, limits);
    entries = enqueue(entries, progress(20, 90), 4, limits);
    expect(entries.map((e) => e.write)).toEqual([view('25'), progress(30, 100)]);
    entries = enqueue(entries, progress(40, 110), 5, limits);
    expect(entries.map((e) => [e.write, e.queuedAt])).toEqual([
      [view('25'), 1],
      [progress(40, 110), 3],
    ]);
  });

  it('drops the oldest beyond maxEntries', () => {
    const limits = { ...DEFAULT_OUTBOX_LIMITS, maxEntries: 2 };
    let entries = enqueue([], view('start'), 1, limits);
    entries = enqueue(entries, view('25'), 2, limits);
    entries = enqueue(entries, view('50'), 3, limits);
    expect(entries.map((e) => e.key)).toEqual(['view:p-1:25', 'view:p-1:50']);
  });

  it('backs off between half and all of a doubling, capped ceiling', () => {
    const limits = DEFAULT_OUTBOX_LIMITS;
    expect([0, 1, 2, 5, 9].map((n) => retryDelayMs(n, limits, () => 0))).toEqual([500, 1_000, 2_000, 15_000, 15_000]);
    expect([0, 1, 2, 5, 9].map((n) => retryDelayMs(n, limits, () => 1))).toEqual([1_000, 2_000, 4_000, 30_000, 30_000]);
  });

  it('does not let the answer to an older position remove a newer one queued meanwhile', () => {
    const limits = DEFAULT_OUTBOX_LIMITS;
    const before = enqueue([], progress(30, 100), 1, limits);
    const sent = before[0];
    if (!sent) throw new Error('nothing queued');
    const after = enqueue(before, progress(40, 110), 2, limits);
    expect(settle(after, sent, 'acknowledged', 3, limits, () => 0).map((e) => e.write)).toEqual([progress(40, 110)]);
    expect(settle(before, sent, 'acknowledged', 3, limits, () => 0)).toEqual([]);
  });
});

describe('createOutbox', () => {
  let storage: ReturnType<typeof memoryStorage>;
  let memory: RouteMemory;
  let logged: string[];
  let outboxes: Outbox[];
  const open = (fetch: typeof globalThis.fetch, extra: Partial<OutboxOptions> = {}): Outbox => {
    const outbox = createOutbox({
      storage,
      fallback: { fetch, sleep: async () => undefined, now: Date.now, random: () => 0, memory },
      log: (message) => logged.push(message),
      ...extra,
    });
    outboxes.push(outbox);
    return outbox;
  };

  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_800_000_000_000);
    storage = memoryStorage();
    memory = createRouteMemory();
    logged = [];
    outboxes = [];
  });
  afterEach(() => {
    for (const outbox of outboxes) outbox.stop();
    vi.useRealTimers();
  });

  it('sends a write at once and forgets it when acknowledged', async () => {
    const regions = fakeRegions(() => 204);
    const outbox = open(regions.fetch);
    outbox.add(progress(30, 100));
    await outbox.flush();
    expect(describeSent(regions.sent)).toEqual(['PUT /api/progress/w-1 30']);
    expect(regions.sent[0]?.body).toEqual({ positionSec: 30, durationSec: 600, savedAt: 100 });
    expect(outbox.entries()).toEqual([]);
  });

  it('sends writes the default path fails to the secondary region, oldest first', async () => {
    const regions = fakeRegions((call) => (call.path.startsWith('/api/region/secondary/') ? 204 : 500));
    const outbox = open(regions.fetch);
    outbox.add(view('start'));
    outbox.add(progress(30, 100));
    await vi.advanceTimersByTimeAsync(0);
    expect(describeSent(regions.sent)).toEqual([
      'POST /api/views',
      'POST /api/region/secondary/views',
      'PUT /api/region/secondary/progress/w-1 30',
    ]);
    expect(outbox.entries()).toEqual([]);
  });

  it('keeps writes through an outage of both regions, retrying with backoff, and delivers them after it, in order', async () => {
    let down = true;
    const regions = fakeRegions(() => (down ? 'drop' : 204));
    const outbox = open(regions.fetch);
    outbox.add(view('start'));
    await vi.advanceTimersByTimeAsync(0);
    outbox.add(progress(30, 100));
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.entries().map((e) => e.key)).toEqual(['view:p-1:start', 'progress:w-1']);
    const triesBy = async (ms: number) => {
      await vi.advanceTimersByTimeAsync(ms);
      return regions.sent.filter((call) => call.path.endsWith('/views')).length;
    };
    // One round (3 routes) per try, the oldest first: its own, then again when the position was
    // queued; then waits of 1 s, 2 s, 4 s, … (random 0: half the doubling ceiling).
    expect(await triesBy(0)).toBe(6);
    expect(regions.sent.filter((call) => call.method === 'PUT')).toEqual([]);
    expect(await triesBy(999)).toBe(6);
    expect(await triesBy(1)).toBe(9);
    expect(await triesBy(2_000)).toBe(12);
    down = false;
    regions.sent.length = 0;
    await vi.advanceTimersByTimeAsync(4_000);
    expect(describeSent(regions.sent)).toEqual(['POST /api/views', 'PUT /api/progress/w-1 30']);
    expect(outbox.entries()).toEqual([]);
  });

  it('survives a reload: a new outbox over the same storage sends what the last page left', async () => {
    const dead = fakeRegions(() => 503);
    const first = open(dead.fetch);
    first.add(view('25'));
    first.add(progress(42, 100));
    await vi.advanceTimersByTimeAsync(0);
    first.stop();

    const regions = fakeRegions(() => 204);
    const second = open(regions.fetch);
    expect(second.pendingProgress('w-1')).toEqual(progress(42, 100));
    await second.signedIn();
    expect(describeSent(regions.sent)).toEqual(['POST /api/views', 'PUT /api/progress/w-1 42']);
    expect(second.entries()).toEqual([]);
  });

  it("coalesces a workout's positions: only the newest read is sent, and a late older one never replaces it", async () => {
    const regions = fakeRegions(() => 'drop');
    const outbox = open(regions.fetch);
    outbox.add(progress(30, 100));
    outbox.add(progress(40, 110));
    outbox.add(progress(35, 105));
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.entries().map((e) => e.write)).toEqual([progress(40, 110)]);
  });

  it('tells onSent what each send came to, after storing it, and keeps its entries under OUTBOX_STORAGE_KEY', async () => {
    let answer: number | 'drop' = 'drop';
    const regions = fakeRegions((call) => (call.method === 'POST' ? 400 : answer));
    const told: [string, SendOutcome, number][] = [];
    const outbox = open(regions.fetch, {
      onSent: (entry, outcome) => told.push([entry.key, outcome, outbox.entries().length]),
    });
    outbox.add(progress(30, 100));
    await vi.advanceTimersByTimeAsync(0);
    expect(JSON.parse(storage.items.get(OUTBOX_STORAGE_KEY) ?? '[]')).toHaveLength(1);
    outbox.add(view('25'));
    answer = 204;
    await vi.advanceTimersByTimeAsync(0);
    // A retry leaves the entry stored; an acknowledgement and a 4xx remove it before onSent hears.
    expect(told).toEqual([
      ['progress:w-1', 'retry', 1],
      ['progress:w-1', 'acknowledged', 1],
      ['view:p-1:25', 'dropped', 0],
    ]);
    expect(storage.items.get(OUTBOX_STORAGE_KEY)).toBe('[]');
  });

  it('sends a milestone queued twice once', async () => {
    const regions = fakeRegions(() => 204);
    const outbox = open(regions.fetch);
    outbox.add(view('25'));
    outbox.add(view('25'));
    await vi.advanceTimersByTimeAsync(0);
    expect(regions.sent).toHaveLength(1);
  });

  it('drops and logs a write refused with a 4xx, and goes on with the next', async () => {
    const regions = fakeRegions((call) => (call.method === 'POST' ? 400 : 204));
    const outbox = open(regions.fetch);
    outbox.add(view('25'));
    outbox.add(progress(30, 100));
    await vi.advanceTimersByTimeAsync(0);
    expect(describeSent(regions.sent)).toEqual(['POST /api/views', 'PUT /api/progress/w-1 30']);
    expect(outbox.entries()).toEqual([]);
    expect(logged).toEqual(['outbox: view:p-1:25 refused by the API, dropped']);
  });

  it('holds writes refused with 401 until the next sign-in, telling the listeners', async () => {
    let signedIn = false;
    const regions = fakeRegions(() => (signedIn ? 204 : 401));
    const outbox = open(regions.fetch);
    const unauthorized = vi.fn();
    outbox.onUnauthorized(unauthorized);
    outbox.add(view('25'));
    outbox.add(view('50'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(regions.sent).toHaveLength(1);
    expect(unauthorized).toHaveBeenCalledTimes(1);
    // Signed out, leaving sends nothing either: it would be refused the same way.
    outbox.sendOnLeave();
    expect(regions.sent).toHaveLength(1);
    signedIn = true;
    await outbox.signedIn();
    expect(describeSent(regions.sent.slice(1))).toEqual(['POST /api/views', 'POST /api/views']);
    expect(outbox.entries()).toEqual([]);
  });

  it("drops another viewer's held writes when a different viewer signs in, and sends the same viewer's", async () => {
    let answer: number = 401;
    const regions = fakeRegions(() => answer);
    const outbox = open(regions.fetch);
    await outbox.signedIn('u-1');
    outbox.add(view('25'));
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.entries()).toMatchObject([{ held: true }]);
    answer = 204;
    await outbox.signedIn('u-2');
    expect(regions.sent).toHaveLength(1);
    expect(outbox.entries()).toEqual([]);
    expect(logged).toEqual(['outbox: 1 write(s) of the viewer signed in before dropped']);

    answer = 401;
    outbox.add(view('50'));
    await vi.advanceTimersByTimeAsync(0);
    answer = 204;
    await outbox.signedIn('u-2');
    expect(describeSent(regions.sent.slice(2))).toEqual(['POST /api/views']);
    expect(outbox.entries()).toEqual([]);
  });

  it('drops what waited longer than maxAgeMs', async () => {
    const regions = fakeRegions(() => 401);
    const outbox = open(regions.fetch, { limits: { maxAgeMs: 1_000 } });
    outbox.add(view('25'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(outbox.entries()).toEqual([]);
    expect(logged).toEqual(['outbox: 1 write(s) older than 1000 ms dropped']);
  });

  it('leaves unreadable storage behind with a log line, not a crash', () => {
    storage.setItem('stride.outbox.v1', '{not json');
    expect(open(fakeRegions(() => 204).fetch).entries()).toEqual([]);
    storage.setItem('stride.outbox.v1', JSON.stringify([{ key: 'view:x', write: { kind: 'nope' } }]));
    expect(open(fakeRegions(() => 204).fetch).entries()).toEqual([]);
    expect(logged).toEqual(['outbox: 1 unreadable stored entry dropped', 'outbox: 1 unreadable stored entry dropped']);
  });

  it('on leave, beacons milestones and sends positions with keepalive to the route that last worked, once per page', async () => {
    const regions = fakeRegions((call) => (call.keepalive ? 204 : call.path.startsWith('/api/region/secondary/') ? 503 : 'drop'));
    const beacons: string[] = [];
    const outbox = open(regions.fetch, {
      sendBeacon: (url) => {
        beacons.push(url);
        return true;
      },
    });
    memory.worked('secondary', Date.now());
    outbox.add(view('25'));
    outbox.add(progress(30, 100));
    await vi.advanceTimersByTimeAsync(0);
    regions.sent.length = 0;
    memory.worked('primary', Date.now());
    outbox.sendOnLeave();
    outbox.sendOnLeave();
    await vi.advanceTimersByTimeAsync(0);
    expect(beacons).toEqual(['/api/region/primary/views']);
    expect(regions.sent).toEqual([
      {
        method: 'PUT',
        path: '/api/region/primary/progress/w-1',
        body: { positionSec: 30, durationSec: 600, savedAt: 100 },
        keepalive: true,
      },
    ]);
    // The keepalive PUT was acknowledged; the beacon was not (no answer): it stays for a later flush.
    expect(outbox.entries().map((e) => e.key)).toEqual(['view:p-1:25']);
  });

  it('lets one tab flush at a time where the browser has Web Locks', async () => {
    const regions = fakeRegions(() => 204);
    let held = false;
    const locks: OutboxLocks = {
      request: async (_name, _options, callback) => {
        if (held) return callback(null);
        held = true;
        try {
          return await callback({});
        } finally {
          held = false;
        }
      },
    };
    held = true; // another tab is flushing
    const outbox = open(regions.fetch, { locks });
    outbox.add(view('25'));
    await vi.advanceTimersByTimeAsync(0);
    expect(regions.sent).toEqual([]);
    held = false;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(regions.sent).toHaveLength(1);
    expect(outbox.entries()).toEqual([]);
  });

  it('keeps working when storage refuses writes', async () => {
    const regions = fakeRegions(() => 'drop');
    const outbox = open(regions.fetch, {
      storage: {
        getItem: () => {
          throw new Error('SecurityError');
        },
        setItem: () => {
          throw new Error('QuotaExceededError');
        },
      },
    });
    const write: OutboxWrite = view('25');
    outbox.add(write);
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.entries().map((e) => e.write)).toEqual([write]);
  });
});
