import { randomUUID } from 'node:crypto';
import type { DrillEvent } from '../events';
import { ViewerHttp } from './http-client';
import { sleep } from '../sleep';

/** A write the viewer made, and whether the API acknowledged it. */
export type ViewerWrite =
  | {
      readonly kind: 'progress';
      readonly userId: string;
      readonly workoutId: string;
      readonly positionSec: number;
      readonly acked: boolean;
      readonly t: number;
    }
  | {
      readonly kind: 'milestone';
      readonly userId: string;
      readonly playId: string;
      readonly workoutId: string;
      readonly milestone: string;
      readonly acked: boolean;
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
 * view milestones. Counts plays, failed plays (no first segment within 10 s, or an error the
 * player would show), stalls over 2 s, and every write with whether it was acknowledged.
 */
export class LightViewer {
  readonly stats: ViewerStats = { plays: 0, failedPlays: 0, stalls: 0, startMs: [], resumedBackSec: [] };
  private readonly http: ViewerHttp;
  private lastAckedPosition: number | null = null;
  private durationSec = 0;
  private markSignedIn!: () => void;
  /** Resolves once this viewer has signed in (the drill's steady-state window starts after everyone has). */
  readonly signedIn = new Promise<void>((resolve) => (this.markSignedIn = resolve));

  constructor(private readonly options: LightViewerOptions) {
    this.http = new ViewerHttp({ siteUrl: options.siteUrl, record: options.record, signal: options.signal });
  }

  async run(): Promise<void> {
    const { signal } = this.options;
    await sleep(this.options.startDelayMs ?? 0, signal);
    while (!signal.aborted && !(await this.signIn())) await sleep(1_000, signal);
    this.markSignedIn();
    while (!signal.aborted) {
      await this.play();
      await sleep(this.options.gapSec * 1000, signal);
    }
  }

  private async signIn(): Promise<boolean> {
    const { email, password } = this.options.account;
    // Sign-in is a POST: the app does not retry it; the viewer tries again a second later.
    const answer = await this.http.request('/api/auth/login', { method: 'POST', body: { email, password }, api: true });
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

    const grant = await this.http.request(`/api/playback/${workoutId}`, { api: true });
    if (!grant.ok) return this.failPlay(`playback grant ${grant.status}`);
    let hlsUrl: string;
    try {
      const body = JSON.parse(grant.body) as { hlsUrl: string; workout: { durationSec: number } };
      hlsUrl = body.hlsUrl;
      this.durationSec = body.workout.durationSec;
    } catch {
      return this.failPlay('playback grant unreadable');
    }
    const resume = await this.http.request(`/api/progress/${workoutId}`, { api: true });
    let position = 0;
    if (resume.ok) {
      const saved = JSON.parse(resume.body) as { positionSec: number; durationSec: number };
      // As resumePosition (web/src/features/player/resume.ts): near the end starts over.
      const nearEnd = saved.durationSec > 0 && saved.positionSec >= saved.durationSec - Math.min(10, saved.durationSec * 0.05);
      position = saved.positionSec >= 5 && !nearEnd ? saved.positionSec : 0;
      if (this.lastAckedPosition !== null && saved.positionSec < this.lastAckedPosition && !nearEnd)
        this.stats.resumedBackSec.push(this.lastAckedPosition - saved.positionSec);
    }
    const master = await this.http.request(hlsUrl, { api: false });
    if (!master.ok || late()) return this.failPlay(`master playlist ${master.status}`);
    const variant = firstVariant(master.body, hlsUrl);
    if (!variant) return this.failPlay('master playlist without a variant');
    const media = await this.http.request(variant, { api: false });
    if (!media.ok || late()) return this.failPlay(`media playlist ${media.status}`);
    const { segments, segmentSec } = parseMediaPlaylist(media.body, variant);
    if (segments.length === 0) return this.failPlay('media playlist without segments');
    const segmentAt = (sec: number) => segments[Math.floor(sec / segmentSec) % segments.length] ?? segments[0] ?? '';

    const first = await this.http.request(segmentAt(position), { api: false });
    if (!first.ok) return this.failPlay(`first segment ${first.status}`);
    if (late()) return this.failPlay(`first segment after ${Date.now() - pressedAt} ms`);
    this.stats.startMs.push(Date.now() - pressedAt);

    const playId = randomUUID();
    void this.milestone(playId, 'start', position);
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
        fetching = this.http.request(segmentAt(at), { api: false }).then((answer) => {
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
        void this.saveProgress(position);
      }
      for (const [milestone, share] of MILESTONES) {
        if (!reached.has(milestone) && this.durationSec > 0 && position >= share * this.durationSec) {
          reached.add(milestone);
          void this.milestone(playId, milestone, position);
        }
      }
    }
    await fetching;
    // Leaving the player saves where the viewer got to.
    await this.saveProgress(position);
    this.options.record({ t: Date.now(), type: 'play-ended', viewer: name });
  }

  private async saveProgress(positionSec: number): Promise<void> {
    const rounded = Math.round(positionSec * 10) / 10;
    const issuedAt = Date.now();
    const answer = await this.http.request(`/api/progress/${this.options.workoutId}`, {
      method: 'PUT',
      // As the player: when the position was read, so a late retry never moves the viewer back.
      body: { positionSec: rounded, durationSec: this.durationSec, savedAt: issuedAt },
      api: true,
    });
    if (answer.ok) this.lastAckedPosition = rounded;
    this.options.recordWrite({
      kind: 'progress',
      userId: this.options.account.id,
      workoutId: this.options.workoutId,
      positionSec: rounded,
      acked: answer.ok,
      t: issuedAt,
    });
  }

  private async milestone(playId: string, milestone: string, positionSec: number): Promise<void> {
    const { workoutId } = this.options;
    const issuedAt = Date.now();
    const body = {
      workoutId,
      playId,
      event: milestone,
      positionSec: Math.round(positionSec),
      durationSec: this.durationSec,
      eventId: `${playId}-${milestone}`,
    };
    // The app marks view events idempotent (a milestone is a set member), so they retry.
    const answer = await this.http.request('/api/views', { method: 'POST', body, idempotent: true, api: true });
    this.options.recordWrite({
      kind: 'milestone',
      userId: this.options.account.id,
      playId,
      workoutId,
      milestone,
      acked: answer.ok,
      t: issuedAt,
    });
  }
}
