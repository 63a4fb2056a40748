import { initialPlayerState, type PlayerState } from './playerSlice';

/** The store's player part for a play of w-1 (play p-1) that has started: a 10-minute workout, 30 s in. */
export const playingState = (overrides: Partial<PlayerState> = {}): { player: PlayerState } => ({
  player: {
    ...initialPlayerState,
    workoutId: 'w-1',
    playId: 'p-1',
    status: 'playing',
    started: true,
    durationSec: 600,
    positionSec: 30,
    ...overrides,
  },
});
