import { useSelector } from 'react-redux';
import type { PlayerState } from './playerSlice';

/** Typed on the state this feature owns, so the feature never imports the app's store. */
export const usePlayerSelector = useSelector.withTypes<{ player: PlayerState }>();
