import type Hls from 'hls.js';

/**
 * The hls.js engine the /watch boot script started before the app existed (watch-boot.ts →
 * early-boot.ts), waiting for the player to take it over instead of loading the stream again.
 * Type-only hls.js import: this module is in the boot script's own small chunk.
 */
export interface EarlyEngine {
  readonly hls: Hls;
  /** The shell's <video> it is attached to, if the page had one. */
  readonly video: HTMLVideoElement | null;
  readonly url: string;
  readonly startAtSec: number;
  /** It stopped on a fatal error before the player took it: the player starts its own. */
  readonly failed: () => boolean;
}

let waiting: EarlyEngine | undefined;
let asked = false;

/** Hands the boot script's engine over; destroyed at once if the player already started without it. */
export function holdEarlyEngine(engine: EarlyEngine): void {
  if (asked) return engine.hls.destroy();
  waiting = engine;
}

/**
 * The early engine, if it plays exactly what the player is about to load (same element or none,
 * same stream, same start) and has not failed; any other early engine is destroyed. Asked once:
 * the player's first load takes it or starts its own, and an engine held after that is dropped.
 */
export function takeEarlyEngine(video: HTMLVideoElement, url: string, startAtSec: number): Hls | undefined {
  asked = true;
  const engine = waiting;
  waiting = undefined;
  if (!engine) return undefined;
  const fits = (engine.video === null || engine.video === video) && engine.url === url && engine.startAtSec === startAtSec;
  if (fits && !engine.failed()) return engine.hls;
  engine.hls.destroy();
  return undefined;
}

/** Tests: nothing held, nothing asked yet. */
export function forgetEarlyEngine(): void {
  waiting?.hls.destroy();
  waiting = undefined;
  asked = false;
}
