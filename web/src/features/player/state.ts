// The player's state for the app's store, without the player's components: the store is in every
// page's bundle, while the Player itself loads only with the lazy /watch route (index.ts).
export { playerSlice, initialPlayerState } from './playerSlice';
export type { PlayerState } from './playerSlice';
