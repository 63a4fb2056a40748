import { vi, type Mock } from 'vitest';
import type { attachEngine, EngineCallbacks, MediaEngine } from './media-engine';
import type { PlaybackGrant } from './playerApi';

/*
 * A stand-in for hls.js, which needs Media Source Extensions that no DOM emulation has: it
 * records each attach (where, from when, with which settings) and the commands each engine got,
 * and lets a test raise the engine's events. hls.js itself is exercised by the e2e journeys.
 */

export type FakeEngine = { readonly [K in Exclude<keyof MediaEngine, 'kind'>]: Mock<MediaEngine[K]> } & { readonly kind: 'hls.js' };

export interface Attached {
  readonly url: string;
  readonly startAtSec: number;
  readonly options: { readonly captionsOn: boolean; readonly quality: number };
  readonly callbacks: EngineCallbacks;
  readonly engine: FakeEngine;
}

export interface FakeEngines {
  readonly attach: typeof attachEngine;
  readonly attached: Attached[];
  /** The engine attached last. */
  latest(): Attached;
}

export function fakeEngines(): FakeEngines {
  const attached: Attached[] = [];
  return {
    attached,
    attach: async (video, url, startAtSec, options, callbacks) => {
      // Destroying detaches the media, as hls.js does: the element stops playing.
      const engine: FakeEngine = {
        kind: 'hls.js',
        destroy: vi.fn(() => video.pause()),
        recoverMedia: vi.fn(),
        restartLoad: vi.fn(),
        setQuality: vi.fn(),
        setCaptions: vi.fn(),
      };
      attached.push({ url, startAtSec, options, callbacks, engine });
      return engine;
    },
    latest: () => {
      const last = attached.at(-1);
      if (!last) throw new Error('no engine was attached');
      return last;
    },
  };
}

/** The API's playback answer for w-1, a workout of the program kettlebell-power. */
export const grantForW1: PlaybackGrant = {
  workoutId: 'w-1',
  hlsUrl: '/media/w-1/master.m3u8',
  expiresAt: '2030-01-01T00:00:00.000Z',
  workout: { id: 'w-1', title: 'Swings', durationSec: 600, programSlug: 'kettlebell-power', programTitle: 'Kettlebell Power' },
};
