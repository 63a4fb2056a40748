import { randomUUID } from 'node:crypto';
import { progressReadPath } from '@stride/contract/region-routing';
import type { DrillEvent } from '../events';
import { sleep } from '../sleep';
import type { ViewMilestone } from '@stride/contract/views';
import { createOutbox, type Outbox, type OutboxEntry, type SendOutcome } from '@stride/web/outbox';
import { ViewerHttp, type RouteCounts } from './http-client';
import { MemoryStorage } from './memory-storage';

/**
 * How a write ended. `superseded`: a newer save of the same workout replaced it in the outbox
 * before a region acknowledged it (the newer one carries the viewer further, and is judged).
 * `unacked`: still in the outbox when the drain ended. `rejected`: a region refused it for good (a 4xx).
 */
export type WriteOutcome = 'acked' | 'rejected' | 'superseded' | 'unacked';

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

/** A write the viewer put in its outbox, until it settles. */
interface TrackedWrite {
  readonly write: (outcome: WriteOutcome) => ViewerWrite;
  /** A progress save's position and savedAt (the viewer's own record of what it last saved). */
  readonly save?: { readonly positionSec: number; readonly savedAt: number };
}

/** One version of an outbox entry: a workout's key holds one save after another (as the app's outbox tells them apart). */
const versionOf = (entry: Pick<OutboxEntry, 'key' | 'write'>): string =>
  entry.write.kind === 'progress' ? `${entry.key}@${entry.write.savedAt}` : entry.key;

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
 * hedged reads); its writes go through the app's own outbox (`createOutbox` from @stride/web/outbox,
 * over a Storage of its own: the same backoff, 401 hold and newer-wins rules as a page). Counts plays, failed
 * plays (no first segment within 10 s, or an error the player would show), stalls over 2 s, and
 * records each play's first frame, each sign-in, each resume point and how each write ended.
 */
export class LightViewer {
  readonly stats: ViewerStats = { plays: 0, failedPlays: 0, stalls: 0, startMs: [], resumedBackSec: [] };
  private readonly http: ViewerHttp;
  private readonly outbox: Outbox;
  /** Writes put in the outbox and not settled yet, by entry version. */
  private readonly writes = new Map<string, TrackedWrite>();
  /** The drain is over: what the outbox still tells is no longer counted. */
  private closed = false;
  /** The newest save a region acknowledged: where this viewer should resume. */
  private lastAck: { positionSec: number; savedAt: number; ackedAt: number; region: string | null } | null = null;
  private durationSec = 0;
  private markSignedIn!: () => void;
  /** Resolves once this viewer has signed in (the drill's steady-state window starts after everyone has). */
  readonly signedIn = new Promise<void>((resolve) => (this.markSignedIn = resolve));

  constructor(private readonly options: LightViewerOptions) {
    this.http = this.newHttp();
    // The outbox sends one entry at a time, its routes one after another: the last answer seen is the one a send settles by.
    let lastAnswer: Response | null = null;
    const fallback = this.http.fallbackDeps((response) => (lastAnswer = response));
    this.outbox = createOutbox({
      storage: new MemoryStorage(),
      fallback: {
        ...fallback,
        fetch: (input, init) => {
          lastAnswer = null;
          return fallback.fetch(input, init);
        },
      },
      // Drops are counted as rejected writes in the drill's figures.
      log: () => undefined,
      onSent: (entry, outcome) => this.sent(entry, outcome, lastAnswer),
    });
  }

  /** What a send of the outbox came to: recorded as the request the viewer made, and the write settled if it was final. */
  private sent(entry: OutboxEntry, outcome: SendOutcome, answer: Response | null): void {
    if (this.closed) return;
    const region = answer?.headers.get('x-stride-region') ?? null;
    this.http.recordApi({ ok: outcome === 'acknowledged', status: answer?.status ?? 'network', region });
    if (outcome !== 'acknowledged' && outcome !== 'dropped') return;
    const version = versionOf(entry);
    const tracked = this.writes.get(version);
    if (!tracked) return;
    this.writes.delete(version);
    this.options.recordWrite(tracked.write(outcome === 'acknowledged' ? 'acked' : 'rejected'));
    const save = tracked.save;
    if (outcome === 'acknowledged' && save && (this.lastAck === null || save.savedAt > this.lastAck.savedAt))
      this.lastAck = { ...save, ackedAt: Date.now(), region };
  }

  /**
   * The end of the drill (its faults are off): the outbox gets at most `withinMs` to deliver what
   * it holds, as a page would: everything is due at once (a page load with a signed-in viewer),
   * then its own retry timer, and once more half-way. A write still in it then was never
   * acknowledged (`unacked`); one no longer in it nor acknowledged was replaced by a newer save.
   */
  private async drain(withinMs: number): Promise<void> {
    const until = Date.now() + withinMs;
    void this.outbox.signedIn();
    let again = true;
    while (this.outbox.entries().length > 0 && Date.now() < until) {
      await sleep(Math.min(250, until - Date.now()));
      if (again && Date.now() >= until - withinMs / 2) {
        again = false;
        void this.outbox.signedIn();
      }
    }
    this.outbox.stop();
    this.closed = true;
    const waiting = new Set(this.outbox.entries().map(versionOf));
    for (const [version, tracked] of this.writes) this.options.recordWrite(tracked.write(waiting.has(version) ? 'unacked' : 'superseded'));
    this.writes.clear();
  }

  private newHttp(): ViewerHttp {
    const { siteUrl, record, signal, routes } = this.options;
    return new ViewerHttp({ siteUrl, record, signal, ...(routes ? { routes } : {}) });
  }

  async run(): Promise<void> {
    const { signal } = this.options;
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
    await this.drain(this.options.drainMs ?? 30_000);
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
    if (answer.ok) {
      this.http.jar.adopt(attempt.jar);
      // As the app on signing in (deliverPendingWrites): writes held by a 401 go now, with the new session.
      void this.outbox.signedIn(this.options.account.id);
    }
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

  private saveProgress(positionSec: number): void {
    const { workoutId, account } = this.options;
    const rounded = Math.round(positionSec * 10) / 10;
    // As the player: when the position was read, so a late retry never moves the viewer back.
    const savedAt = Date.now();
    const write = { kind: 'progress', workoutId, positionSec: rounded, durationSec: this.durationSec, savedAt } as const;
    this.writes.set(versionOf({ key: `progress:${workoutId}`, write }), {
      save: { positionSec: rounded, savedAt },
      write: (outcome) => ({ kind: 'progress', userId: account.id, workoutId, positionSec: rounded, outcome, t: savedAt }),
    });
    this.outbox.add(write);
  }

  private milestone(playId: string, milestone: ViewMilestone, positionSec: number): void {
    const { workoutId, account } = this.options;
    const t = Date.now();
    // A milestone is a set member at the API (its eventId): the outbox sends it until a region takes it.
    const event = {
      workoutId,
      playId,
      event: milestone,
      positionSec: Math.round(positionSec),
      durationSec: this.durationSec,
      eventId: `${playId}:${milestone}`,
    };
    const write = { kind: 'view', event } as const;
    this.writes.set(versionOf({ key: `view:${event.eventId}`, write }), {
      write: (outcome) => ({ kind: 'milestone', userId: account.id, playId, workoutId, milestone, outcome, t }),
    });
    this.outbox.add(write);
  }
}
