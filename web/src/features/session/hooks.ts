import { useSelector } from 'react-redux';
import type { SessionState } from './sessionSlice';

/** Typed on the state this feature owns, so the feature never imports the app's store. */
export const useSessionSelector = useSelector.withTypes<{ session: SessionState }>();
