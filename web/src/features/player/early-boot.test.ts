// @vitest-environment happy-dom
import type Hls from 'hls.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, type FakeApi } from '../../test/fake-api';
import { browserFallbackDeps } from '../../shared/api/region-fallback';
import { forgetEarlyAnswers, takeEarlyAnswer } from './early-answers';
import { bootWatchPage, earlyPlaySettled, forgetEarlyBoot, watchedWorkoutId, type EarlyBootDeps } from './early-boot';
import { forgetEarlyEngine, takeEarlyEngine } from './early-engine';

/** hls.js's surface the boot script uses, recording what it was told (MSE is not in any DOM emulation). */
class FakeHls {
  static readonly Events = { ERROR: 'hlsError', MANIFEST_PARSED: 'hlsManifestParsed' };
  static readonly instances: FakeHls[] = [];
  static isSupported = () => true;
  readonly calls: string[] = [];
  media: HTMLMediaElement | null = null;
  levels: unknown[] = [];
  readonly onceHandlers = new Map<string, () => void>();
  once(event: string, handler: () => void) {
    this.calls.push(`once ${event}`);
    this.onceHandlers.set(event, handler);
  }
  /** The multivariant playlist parsed: the levels are known. */
  manifestParsed() {
    this.levels = [{}, {}];
    this.onceHandlers.get(FakeHls.Events.MANIFEST_PARSED)?.();
  }
  readonly handlers = new Map<string, (event: string, data: { fatal: boolean }) => void>();
  constructor(readonly config: Record<string, unknown>) {
    FakeHls.instances.push(this);
  }
  on(event: string, handler: (event: string, data: { fatal: boolean }) => void) {
    this.handlers.set(event, handler);
  }
  loadSource(url: string) {
    this.calls.push(`loadSource ${url}`);
  }
  attachMedia(media: HTMLMediaElement) {
    this.media = media;
    this.calls.push('attachMedia');
  }
  startLoad(at: number) {
    this.calls.push(`startLoad ${at}`);
  }
  destroy() {
    this.calls.push('destroy');
  }
}

const GRANT = { hlsUrl: '/media/sample-hiit/master.m3u8', expiresAt: '2030-01-01T00:00:00Z', workout: { id: 'w-1' } };

describe('bootWatchPage (the /watch boot script)', () => {
  let api: FakeApi;
  let video: HTMLVideoElement;
  let progress: { status: number; body?: unknown };
  let grant: { status: number; body?: unknown };
  const deps = (): EarlyBootDeps => ({
    fallback: browserFallbackDeps(),
    loadHls: () => Promise.resolve({ default: FakeHls as unknown as typeof Hls }),
    findVideo: () => video,
    pendingProgress: () => undefined,
  });

  beforeEach(() => {
    FakeHls.instances.length = 0;
    video = document.createElement('video');
    vi.spyOn(video, 'play').mockResolvedValue(undefined);
    grant = { status: 200, body: GRANT };
    progress = { status: 200, body: { positionSec: 300, durationSec: 1800 } };
    api = installFakeApi((call) => {
      if (call.path === '/api/playback/w-1') return grant;
      if (call.path === '/api/progress?workout=w-1') return progress;
      return undefined;
    });
  });
  afterEach(() => {
    forgetEarlyAnswers();
    forgetEarlyEngine();
    forgetEarlyBoot();
  });

  /** Whether `promise` has settled by now (after pending microtasks and answers). */
  const settledYet = async (promise: Promise<void>) => {
    let done = false;
    void promise.then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    return done;
  };

  it("lets the app hydrate at once where no boot script ran, and after the boot's first frame where one did", async () => {
    expect(await settledYet(earlyPlaySettled())).toBe(true);
    await bootWatchPage('/watch/w-1', deps());
    const settled = earlyPlaySettled(60_000);
    expect(await settledYet(settled)).toBe(false);
    video.dispatchEvent(new Event('playing'));
    expect(await settledYet(settled)).toBe(true);
  });

  it('lets the app hydrate when the boot starts nothing (a refusal)', async () => {
    grant = { status: 403, body: { error: 'subscription-required' } };
    await bootWatchPage('/watch/w-1', deps());
    expect(await settledYet(earlyPlaySettled(60_000))).toBe(true);
  });

  it('lets the app hydrate after the cap when no frame comes', async () => {
    await bootWatchPage('/watch/w-1', deps());
    vi.useFakeTimers();
    try {
      let done = false;
      void earlyPlaySettled(1_500).then(() => (done = true));
      await vi.advanceTimersByTimeAsync(1_499);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(done).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads the workout from /watch/<id> only', () => {
    expect(watchedWorkoutId('/watch/w-hiit30-01')).toBe('w-hiit30-01');
    expect(watchedWorkoutId('/watch/w%201')).toBe('w 1');
    expect(watchedWorkoutId('/programs/hiit-30')).toBeUndefined();
    expect(watchedWorkoutId('/watch/a/b')).toBeUndefined();
    expect(watchedWorkoutId('/watch/%E0%A4%A')).toBeUndefined();
  });

  it('asks the grant and the resume point at once, loads the stream from the resume point into the shell video, plays, and hands both over', async () => {
    await bootWatchPage('/watch/w-1', deps());
    expect(api.calls.map((c) => c.path)).toEqual(['/api/playback/w-1', '/api/progress?workout=w-1']);
    const [hls] = FakeHls.instances;
    expect(hls?.config).toMatchObject({ autoStartLoad: false, startFragPrefetch: true, capLevelToPlayerSize: true });
    // Loading starts at the resume point once the levels are known (hls.js would otherwise start at
    // its configured position).
    expect(hls?.calls).toEqual([`loadSource ${GRANT.hlsUrl}`, 'attachMedia', 'once hlsManifestParsed']);
    hls?.manifestParsed();
    expect(hls?.calls.at(-1)).toBe('startLoad 300');
    expect(video.play).toHaveBeenCalled();
    // The player's endpoints get the same answers, each readable, once.
    const early = takeEarlyAnswer('/api/playback/w-1');
    expect(await (await early)?.json()).toEqual(GRANT);
    expect(takeEarlyAnswer('/api/playback/w-1')).toBeUndefined();
    expect(await (await takeEarlyAnswer('/api/progress?workout=w-1'))?.json()).toEqual({ positionSec: 300, durationSec: 1800 });
    // The engine, for the same element, stream and start; nothing else.
    expect(takeEarlyEngine(video, GRANT.hlsUrl, 300)).toBe(hls);
    expect(api.calls).toHaveLength(2);
  });

  it('asks both before either has answered', async () => {
    const asked: string[] = [];
    const answers: (() => void)[] = [];
    vi.stubGlobal('fetch', (input: RequestInfo | URL) => {
      asked.push(new URL(input instanceof Request ? input.url : input, location.href).pathname);
      return new Promise<Response>((resolve) => answers.push(() => resolve(new Response(null, { status: 404 }))));
    });
    const booted = bootWatchPage('/watch/w-1', deps());
    await vi.waitFor(() => expect(asked).toEqual(['/api/playback/w-1', '/api/progress']));
    for (const answer of answers) answer();
    await booted;
    expect(FakeHls.instances).toHaveLength(0);
  });

  it('starts from the beginning when the workout was never watched (404)', async () => {
    progress = { status: 404 };
    await bootWatchPage('/watch/w-1', deps());
    FakeHls.instances[0]?.manifestParsed();
    expect(FakeHls.instances[0]?.calls.at(-1)).toBe('startLoad -1');
  });

  it('starts nothing on a refusal, leaving the answer for the player to report', async () => {
    grant = { status: 403, body: { error: 'subscription-required' } };
    await bootWatchPage('/watch/w-1', deps());
    expect(FakeHls.instances).toHaveLength(0);
    expect((await takeEarlyAnswer('/api/playback/w-1'))?.status).toBe(403);
  });

  it('does nothing on any other page', async () => {
    await bootWatchPage('/programs/hiit-30', deps());
    expect(api.calls).toHaveLength(0);
  });
});

describe('takeEarlyEngine', () => {
  const hlsWith = () => new FakeHls({}) as unknown as Hls;
  afterEach(() => forgetEarlyEngine());

  it('gives the held engine only for the same element, stream and start; any other is destroyed', async () => {
    const { holdEarlyEngine } = await import('./early-engine');
    const video = document.createElement('video');
    const hls = hlsWith();
    holdEarlyEngine({ hls, video, url: '/media/a/master.m3u8', startAtSec: 0, failed: () => false });
    expect(takeEarlyEngine(video, '/media/a/master.m3u8', 42)).toBeUndefined();
    expect((hls as unknown as FakeHls).calls).toContain('destroy');
  });

  it('destroys an engine that failed, and one that arrives after the player started its own', async () => {
    const { holdEarlyEngine } = await import('./early-engine');
    const video = document.createElement('video');
    const failedOne = hlsWith();
    holdEarlyEngine({ hls: failedOne, video, url: '/m.m3u8', startAtSec: 0, failed: () => true });
    expect(takeEarlyEngine(video, '/m.m3u8', 0)).toBeUndefined();
    expect((failedOne as unknown as FakeHls).calls).toEqual(['destroy']);
    const late = hlsWith();
    holdEarlyEngine({ hls: late, video, url: '/m.m3u8', startAtSec: 0, failed: () => false });
    expect((late as unknown as FakeHls).calls).toEqual(['destroy']);
  });
});
