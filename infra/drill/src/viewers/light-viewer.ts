import { randomUUID } from 'node:crypto';
import { progressReadPath } from '@stride/contract/region-routing';
import type { DrillEvent } from '../events';
import { sleep } from '../sleep';
import { ViewerHttp, type Answer, type RouteCounts } from './http-client';
import { MemoryOutbox, type Delivery, type OutboxEntry, type WriteOutcome } from './outbox';

/** A write the viewer made, and how it ended (only `unacked` and `rejected` ones can be lost; see lost-writes.ts). */
export type ViewerWrite =
  | {
      readonly kind: 'progress';
      readonly userId: string;
      readonly workoutId: string;
      readonly positionSec: number;
      readonly outcome: WriteOutcome;
      /** When the viewer made it (its savedAt). */
      readonly t: number;
    }
  | {
      readonly kind: 'milestone';
      readonly userId: string;
      readonly playId: string;
      readonly workoutId: string;
      readonly milestone: string;
      readonly outcome: WriteOutcome;
      readonly t: number;
    };

export interface ViewerAccount {
  readonly id: string;
  readonly email: string;
  readonly password: string;
}

export interface LightViewerOptions {
  readonly name: string;
  readonly account: ViewerAccount;
  readonly siteUrl: string;
  /** The workout this viewer keeps watching (each play resumes where the last left off). */
  readonly workoutId: string;
  readonly record: (event: DrillEvent) => void;
  readonly recordWrite: (write: ViewerWrite) => void;
  /** Seconds of each play before the viewer leaves (and presses play again after `gapSec`). */
  readonly playSec: number;
  readonly gapSec: number;
  readonly signal: AbortSignal;
  /** A play fails when its first segment has not arrived this long after pressing play (10 s). */
  readonly firstFrameBudgetMs?: number;
  /** A wait for data longer than this while playing counts as a stall (2 s). */
  readonly stallMs?: number;
  /** Wait this long before signing in, so a crowd of viewers does not arrive in one instant. */
  readonly startDelayMs?: number;
  /** Sign in again (as from a new device) before every n-th play, so sign-ins happen during the fault too (default 2; 0: never). */
  readonly signInEvery?: number;
  /** At the end, how long the outbox may keep delivering before what is left counts as never acknowledged (default 30 s). */
  readonly drainMs?: number;
  /** Counts every API try by route (shared by all light viewers). */
  readonly routes?: RouteCounts;
}

/** A write in the outbox: the request that carries it, and what the drill records when it settles. */
interface QueuedWrite {
  readonly path: string;
  readonly method: 'PUT' | 'POST';
  readonly body: Record<string, unknown>;
  readonly idempotent: boolean;
  readonly write: (outcome: WriteOutcome) => ViewerWrite;
  /** A progress save's position (the viewer's own record of what it last saved). */
  readonly positionSec?: number;
}

/** What an API answer means for a write: 2xx taken; a 4xx but 408/429 refused for good; anything else later. */
export function deliveryOf(answer: Answer): Delivery {
  if (answer.ok) return 'acked';
  if (typeof answer.status === 'number' && answer.status >= 400 && answer.status < 500 && answer.status !== 408 && answer.status !== 429)
    return 'rejected';
  return 'retry';
}

/** The player's cadence: a progress save every 10 s of playing (web/src/features/player/resume.ts). */
export const PROGRESS_SAVE_EVERY_SEC = 10;
const TICK_MS = 200;
const BUFFER_AHEAD_SEC = 6;
const MILESTONES = [
  ['25', 0.25],
  ['50', 0.5],
  ['75', 0.75],
  ['complete', 1],
] as const;

export interface ViewerStats {
  plays: number;
  failedPlays: number;
  stalls: number;
  /** Play-start times (press play → first segment) of successful plays, ms. */
  readonly startMs: number[];
  /** For each resume that came back earlier than this viewer's last acknowledged save: how far back, s. */
  readonly resumedBackSec: number[];
}

const resolveUrl = (base: string, ref: string) => new URL(ref, new URL(base, 'http://site.local')).pathname;

/** The segment paths and target duration of a media playlist. */
export function parseMediaPlaylist(text: string, playlistPath: string): { segments: string[]; segmentSec: number } {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const target = Number(/^#EXT-X-TARGETDURATION:(\d+(\.\d+)?)/m.exec(text)?.[1] ?? '2');
  const segments = lines.filter((l) => l && !l.startsWith('#')).map((l) => resolveUrl(playlistPath, l));
  return { segments, segmentSec: target > 0 ? target : 2 };
}

/** The first variant of a master playlist (the player starts on the lowest rendition here). */
export function firstVariant(text: string, masterPath: string): string | undefined {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const i = lines.findIndex((l) => l.startsWith('#EXT-X-STREAM-INF'));
  const uri = i === -1 ? undefined : lines.slice(i + 1).find((l) => l && !l.startsWith('#'));
  return uri ? resolveUrl(masterPath, uri) : undefined;
}

/**
 * One light viewer: an HTTP client replaying what the player does for one account: sign in, then
 * press play again and again on one workout: playback grant, resume position, master and media
 * playlists, segments in real time with a small buffer, a progress save every 10 s and on leave,
 * view milestones. Its API requests go through the app's own request function (region fallback,
 * hedged reads); its writes go through an outbox with the app's semantics. Counts plays, failed
 * plays (no first segment within 10 s, or an error the player would show), stalls over 2 s, and
 * records each play's first frame, each sign-in, each resume point and how each write ended.
 */
export class LightViewer {
  readonly stats: ViewerStats = { plays: 0, failedPlays: 0, stalls: 0, startMs: [], resumedBackSec: [] };
  private readonly http: ViewerHttp;
  private readonly outbox: MemoryOutbox<QueuedWrite>;
  /** The newest save a region acknowledged: where this viewer should resume. */
  private lastAck: { positionSec: number; savedAt: number; ackedAt: number; region: string | null } | null = null;
  private durationSec = 0;
  private markSignedIn!: () => void;
  /** Resolves once this viewer has signed in (the drill's steady-state window starts after everyone has). */
  readonly signedIn = new Promise<void>((resolve) => (this.markSignedIn = resolve));

  constructor(private readonly options: LightViewerOptions) {
    this.http = this.newHttp();
    this.outbox = new MemoryOutbox<QueuedWrite>({
      send: (entry, signal) => this.deliver(entry, signal),
      settled: (entry, outcome) => options.recordWrite(entry.meta.write(outcome)),
      now: Date.now,
      sleep: (ms, signal) => sleep(ms, signal),
      random: Math.random,
    });
  }

  private newHttp(): ViewerHttp {
    const { siteUrl, record, signal, routes } = this.options;
    return new ViewerHttp({ siteUrl, record, signal, ...(routes ? { routes } : {}) });
  }

  async run(): Promise<void> {
    const { signal } = this.options;
    const delivering = this.outbox.run();
    await sleep(this.options.startDelayMs ?? 0, signal);
    while (!signal.aborted && !(await this.signIn())) await sleep(1_000, signal);
    this.markSignedIn();
    const every = this.options.signInEvery ?? 2;
    for (let n = 1; !signal.aborted; n += 1) {
      // A viewer signing in on another device meanwhile: the new session is used when it worked.
      if (every > 0 && n % every === 0) await this.signIn();
      if (signal.aborted) break;
      await this.play();
      await sleep(this.options.gapSec * 1000, signal);
    }
    // The drill is over (its faults are off): the outbox gets a bounded time to deliver what it holds.
    this.outbox.close(this.options.drainMs ?? 30_000);
    await delivering;
  }

  /**
   * The same viewer opening the workout on another device (a TV, say) right now: it reads the
   * resume point, with this session but none of this device's outbox, and records it beside the
   * newest save a region acknowledged. Called as the fault goes on: a save the primary took just
   * before it died is where the viewer expects to resume, and the secondary may not have it yet.
   */
  async resumeElsewhere(): Promise<void> {
    const other = this.newHttp();
    other.jar.adopt(this.http.jar);
    const last = this.lastAck;
    const answer = await other.api(progressReadPath(this.options.workoutId));
    if (!answer.ok) return;
    try {
      const saved = JSON.parse(answer.body) as { positionSec: number };
      this.options.record({
        t: Date.now(),
        type: 'resume',
        viewer: `${this.options.name} (another device)`,
        region: answer.region,
        positionSec: saved.positionSec,
        lastSave: last && { positionSec: last.positionSec, ackedAt: last.ackedAt, region: last.region },
      });
    } catch {
      // An unreadable answer says nothing about replication.
    }
  }

  /** Signs in with a fresh cookie jar (a new device); the viewer keeps its old session if that failed. */
  private async signIn(): Promise<boolean> {
    const { email, password } = this.options.account;
    const attempt = this.newHttp();
    const t = Date.now();
    // The app sends sign-in through the same fallback (a sign-in only creates a session: safe to send again elsewhere).
    const answer = await attempt.api('/api/auth/login', { method: 'POST', body: { email, password }, idempotent: true });
    this.options.record({ t, type: 'sign-in', viewer: this.options.name, ok: answer.ok, region: answer.region });
    if (answer.ok) this.http.jar.adopt(attempt.jar);
    return answer.ok;
  }

  private failPlay(why: string): void {
    this.stats.failedPlays += 1;
    this.options.record({ t: Date.now(), type: 'play-failed', viewer: `${this.options.name}: ${why}` });
  }

  private async play(): Promise<void> {
    const { workoutId, signal, name } = this.options;
    const budget = this.options.firstFrameBudgetMs ?? 10_000;
    const pressedAt = Date.now();
    this.stats.plays += 1;
    this.options.record({ t: pressedAt, type: 'play-started', viewer: name });
    const late = () => Date.now() - pressedAt > budget;

    // The grant and the resume point in parallel, as the player asks for them.
    const [grant, resume] = await Promise.all([this.http.api(`/api/playback/${workoutId}`), this.http.api(progressReadPath(workoutId))]);
    if (!grant.ok) return this.failPlay(`playback grant ${grant.status}`);
    let hlsUrl: string;
    try {
      const body = JSON.parse(grant.body) as { hlsUrl: string; workout: { durationSec: number } };
      hlsUrl = body.hlsUrl;
      this.durationSec = body.workout.durationSec;
    } catch {
      return this.failPlay('playback grant unreadable');
    }
    let position = 0;
    if (resume.ok) {
      const saved = JSON.parse(resume.body) as { positionSec: number; durationSec: number };
      // As resumePosition (web/src/features/player/resume.ts): near the end starts over.
      const nearEnd = saved.durationSec > 0 && saved.positionSec >= saved.durationSec - Math.min(10, saved.durationSec * 0.05);
      position = saved.positionSec >= 5 && !nearEnd ? saved.positionSec : 0;
      const last = this.lastAck;
      this.options.record({
        t: Date.now(),
        type: 'resume',
        viewer: name,
        region: resume.region,
        positionSec: saved.positionSec,
        lastSave: last && { positionSec: last.positionSec, ackedAt: last.ackedAt, region: last.region },
      });
      if (last !== null && saved.positionSec < last.positionSec && !nearEnd)
        this.stats.resumedBackSec.push(last.positionSec - saved.positionSec);
    }
    const master = await this.http.media(hlsUrl);
    if (!master.ok || late()) return this.failPlay(`master playlist ${master.status}`);
    const variant = firstVariant(master.body, hlsUrl);
    if (!variant) return this.failPlay('master playlist without a variant');
    const media = await this.http.media(variant);
    if (!media.ok || late()) return this.failPlay(`media playlist ${media.status}`);
    const { segments, segmentSec } = parseMediaPlaylist(media.body, variant);
    if (segments.length === 0) return this.failPlay('media playlist without segments');
    const segmentAt = (sec: number) => segments[Math.floor(sec / segmentSec) % segments.length] ?? segments[0] ?? '';

    const first = await this.http.media(segmentAt(position));
    if (!first.ok) return this.failPlay(`first segment ${first.status}`);
    if (late()) return this.failPlay(`first segment after ${Date.now() - pressedAt} ms`);
    this.stats.startMs.push(Date.now() - pressedAt);
    this.options.record({ t: Date.now(), type: 'first-frame', viewer: name, pressedAt });

    const playId = randomUUID();
    this.milestone(playId, 'start', position);
    let buffered = Math.floor(position / segmentSec) * segmentSec + segmentSec;
    let fetching: Promise<void> | undefined;
    let stalledSince: number | null = null;
    let stallCounted = false;
    let lastSaved = position;
    const reached = new Set<string>();
    let last = Date.now();
    const endAt = Date.now() + this.options.playSec * 1000;
    while (!signal.aborted && Date.now() < endAt) {
      await sleep(TICK_MS, signal);
      const now = Date.now();
      const dt = (now - last) / 1000;
      last = now;
      if (!fetching && buffered - position < BUFFER_AHEAD_SEC) {
        const at = buffered;
        fetching = this.http.media(segmentAt(at)).then((answer) => {
          if (answer.ok) buffered = at + segmentSec;
          fetching = undefined;
        });
      }
      if (position + dt <= buffered) {
        position += dt;
        stalledSince = null;
        stallCounted = false;
      } else {
        position = buffered;
        stalledSince ??= now;
        if (!stallCounted && now - stalledSince > (this.options.stallMs ?? 2_000)) {
          stallCounted = true;
          this.stats.stalls += 1;
          this.options.record({ t: now, type: 'stall', viewer: name });
        }
      }
      if (position - lastSaved >= PROGRESS_SAVE_EVERY_SEC) {
        lastSaved = position;
        this.saveProgress(position);
      }
      for (const [milestone, share] of MILESTONES) {
        if (!reached.has(milestone) && this.durationSec > 0 && position >= share * this.durationSec) {
          reached.add(milestone);
          this.milestone(playId, milestone, position);
        }
      }
    }
    await fetching;
    // Leaving the player saves where the viewer got to (through the outbox, as the app's sendBeacon rule).
    this.saveProgress(position);
    this.options.record({ t: Date.now(), type: 'play-ended', viewer: name });
  }

  /** One try at delivering an outbox entry (the request function does the fallback within it). */
  private async deliver(entry: OutboxEntry<QueuedWrite>, signal: AbortSignal): Promise<Delivery> {
    const q = entry.meta;
    const answer = await this.http.api(q.path, { method: q.method, body: q.body, idempotent: q.idempotent, signal });
    const delivery = deliveryOf(answer);
    if (delivery === 'acked' && q.positionSec !== undefined && (this.lastAck === null || entry.order > this.lastAck.savedAt))
      this.lastAck = { positionSec: q.positionSec, savedAt: entry.order, ackedAt: Date.now(), region: answer.region };
    return delivery;
  }

  private saveProgress(positionSec: number): void {
    const { workoutId, account } = this.options;
    const rounded = Math.round(positionSec * 10) / 10;
    // As the player: when the position was read, so a late retry never moves the viewer back.
    const savedAt = Date.now();
    this.outbox.put({
      key: `progress:${workoutId}`,
      order: savedAt,
      meta: {
        path: `/api/progress/${workoutId}`,
        method: 'PUT',
        body: { positionSec: rounded, durationSec: this.durationSec, savedAt },
        idempotent: true,
        positionSec: rounded,
        write: (outcome) => ({ kind: 'progress', userId: account.id, workoutId, positionSec: rounded, outcome, t: savedAt }),
      },
    });
  }

  private milestone(playId: string, milestone: string, positionSec: number): void {
    const { workoutId, account } = this.options;
    const t = Date.now();
    const eventId = `${playId}-${milestone}`;
    this.outbox.put({
      key: eventId,
      order: t,
      meta: {
        path: '/api/views',
        method: 'POST',
        body: { workoutId, playId, event: milestone, positionSec: Math.round(positionSec), durationSec: this.durationSec, eventId },
        // A milestone is a set member: the app marks view events idempotent, so they fall back and retry.
        idempotent: true,
        write: (outcome) => ({ kind: 'milestone', userId: account.id, playId, workoutId, milestone, outcome, t }),
      },
    });
  }
}
