import type { Store } from '@reduxjs/toolkit';
import { useSelector, useStore } from 'react-redux';
import type { PlayerState } from './playerSlice';

/** Typed on the state this feature owns, so the feature never imports the app's store. */
export const usePlayerSelector = useSelector.withTypes<{ player: PlayerState }>();

/** For callbacks that act on the player's state as it is when they run (engine events, timers), not as last rendered. */
export const usePlayerStore = useStore.withTypes<Store<{ player: PlayerState }>>();
