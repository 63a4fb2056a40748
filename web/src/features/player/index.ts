// The player (issue 5). hls.js is not imported here: media-engine.ts loads it on demand.
export { Player } from './components/Player';
export type { PlayerProps } from './components/Player';
export { playerSlice, initialPlayerState } from './playerSlice';
export type { PlayerState, PlayerStatus } from './playerSlice';
export { playerApi, selectWorkoutTitle, useGetPlaybackQuery, useGetProgressQuery } from './playerApi';
export type { PlaybackGrant, PlaybackWorkout, Progress, ViewEvent } from './playerApi';
export type { PlaybackFailure } from './recovery-policy';
export { loginPathForWatch } from '../../shared/routing/watch-path';
export { startPlaybackEarly } from './early-start';
export { earlyPlaySettled } from './early-boot';
