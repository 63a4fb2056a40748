// Loaded lazily, after hydration and only for a signed-in viewer: these components need the
// `/api` client (RTK Query), which is not in a page's initial JavaScript.
export { ContinueWatching } from './components/ContinueWatching';
export { WorkoutProgress } from './components/WorkoutProgress';
