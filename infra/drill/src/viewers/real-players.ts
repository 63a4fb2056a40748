import type { DrillEvent } from '../events';

export interface RealPlayersOptions {
  readonly siteUrl: string;
  readonly count: number;
  readonly password: string;
  readonly record: (e: DrillEvent) => void;
  readonly signal: AbortSignal;
}

/** Placeholder until the Chromium players land: refuses, so a drill never silently runs without them. */
export async function runRealPlayers(options: RealPlayersOptions): Promise<{ plays: number; failedPlays: number; stalls: number }> {
  throw new Error(`real players (${options.count}) are not available yet`);
}
