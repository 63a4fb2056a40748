/**
 * A light viewer's outbox: the app's write semantics kept in memory (the app keeps the same
 * entries in localStorage, so they survive a reload; a drill viewer never reloads). Each write
 * is sent until a region acknowledges it, with backoff between rounds; a newer save of the same
 * key replaces one still waiting (newer wins per workout); a milestone is its own key (its event
 * id), so a repeat is harmless. What is still waiting when the drill's bounded drain ends was
 * never acknowledged: that, and only that (with what a region refused), is a lost write.
 */

/** What a delivery attempt came to: a region took it (2xx), refused it for good (a 4xx but 408/429), or try again later. */
export type Delivery = 'acked' | 'rejected' | 'retry';

/** How a write ended. `superseded`: a newer save of the same key replaced it before it was sent. */
export type WriteOutcome = 'acked' | 'rejected' | 'superseded' | 'unacked';

export interface OutboxEntry<M> {
  /** `progress:<workoutId>` for saves (newer wins), the event id for milestones. */
  readonly key: string;
  /** Newer-wins order within a key (the save's savedAt). */
  readonly order: number;
  readonly meta: M;
}

export interface OutboxDeps<M> {
  readonly send: (entry: OutboxEntry<M>, signal: AbortSignal) => Promise<Delivery>;
  readonly settled: (entry: OutboxEntry<M>, outcome: WriteOutcome, at: number) => void;
  readonly now: () => number;
  /** Resolves after `ms`, or early when `signal` aborts. */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly random: () => number;
  /** Backoff before the n-th retry of an entry: full jitter under min(maxMs, baseMs × 2^n). */
  readonly backoff?: { readonly baseMs: number; readonly maxMs: number };
}

interface Pending<M> {
  readonly entry: OutboxEntry<M>;
  tries: number;
  dueAt: number;
}

export const OUTBOX_BACKOFF = { baseMs: 500, maxMs: 8_000 } as const;

export class MemoryOutbox<M> {
  /** Waiting entries by key, in the order their keys were first queued. */
  private readonly pending = new Map<string, Pending<M>>();
  private wake: AbortController = new AbortController();
  private closingBy: number | null = null;
  private readonly stop = new AbortController();
  private inFlight: Pending<M> | null = null;

  constructor(private readonly deps: OutboxDeps<M>) {}

  get size(): number {
    return this.pending.size;
  }

  /** Queues a write; one of the same key still waiting is replaced by whichever is newer. */
  put(entry: OutboxEntry<M>): void {
    const waiting = this.pending.get(entry.key);
    if (waiting && waiting.entry.order > entry.order) {
      this.deps.settled(entry, 'superseded', this.deps.now());
      return;
    }
    // One on its way settles when its answer comes (it may still be acknowledged).
    if (waiting && waiting !== this.inFlight) this.deps.settled(waiting.entry, 'superseded', this.deps.now());
    this.pending.set(entry.key, { entry, tries: 0, dueAt: this.deps.now() });
    this.wake.abort();
  }

  /** Delivers entries as they come due, until `close` has emptied the outbox or run out of time. */
  async run(): Promise<void> {
    const { deps } = this;
    for (;;) {
      const now = deps.now();
      const closing = this.closingBy !== null;
      if (closing && (this.pending.size === 0 || now >= (this.closingBy ?? 0))) break;
      const next = [...this.pending.values()].sort((a, b) => a.dueAt - b.dueAt)[0];
      if (!next || next.dueAt > now) {
        this.wake = new AbortController();
        const until = next ? next.dueAt - now : 60_000;
        await deps.sleep(closing ? Math.min(until, (this.closingBy ?? now) - now) : until, this.wake.signal);
        continue;
      }
      this.inFlight = next;
      const delivery = await deps.send(next.entry, this.stop.signal).catch((): Delivery => 'retry');
      this.inFlight = null;
      // A newer save of this key may have replaced it while it was on its way: that one stays queued.
      const replaced = this.pending.get(next.entry.key) !== next;
      if (delivery === 'acked') {
        if (!replaced) this.pending.delete(next.entry.key);
        deps.settled(next.entry, 'acked', deps.now());
      } else if (replaced) deps.settled(next.entry, 'superseded', deps.now());
      else if (delivery === 'rejected') {
        this.pending.delete(next.entry.key);
        deps.settled(next.entry, 'rejected', deps.now());
      } else {
        next.tries += 1;
        const { baseMs, maxMs } = deps.backoff ?? OUTBOX_BACKOFF;
        next.dueAt = deps.now() + Math.floor(Math.min(Math.max(deps.random(), 0), 1) * Math.min(maxMs, baseMs * 2 ** (next.tries - 1)));
      }
    }
    const at = deps.now();
    for (const { entry } of this.pending.values()) deps.settled(entry, 'unacked', at);
    this.pending.clear();
  }

  /**
   * The end of the drill: keep delivering for at most `withinMs` (the faults are off by then),
   * then stop; whatever is still waiting settles as `unacked`. `run()` resolves when done.
   */
  close(withinMs: number): void {
    this.closingBy = this.deps.now() + withinMs;
    // Waiting entries are tried again now rather than after their backoff.
    for (const p of this.pending.values()) p.dueAt = Math.min(p.dueAt, this.deps.now());
    this.wake.abort();
    setTimeout(() => this.stop.abort(), withinMs + 1_000).unref?.();
  }
}
