import { lazy, Suspense, type ComponentProps } from 'react';
import { useSignedInHint } from '../shared/api/use-signed-in-hint';
import { ensureApiFeatures } from './lazy-features';

// The progress feature needs the `/api` client (RTK Query): both load after hydration, and only
// for a viewer with the signed-in hint, so a page's initial JavaScript carries neither.
const loadProgressFeature = async () => {
  const [, feature] = await Promise.all([ensureApiFeatures(), import('../features/progress')]);
  return feature;
};
const LazyContinueWatching = lazy(async () => ({ default: (await loadProgressFeature()).ContinueWatching }));
const LazyWorkoutProgress = lazy(async () => ({ default: (await loadProgressFeature()).WorkoutProgress }));

/** The home page's "Continue watching" row for a signed-in viewer; nothing otherwise. */
export function ContinueWatchingRow() {
  if (!useSignedInHint()) return null;
  return (
    <Suspense fallback={null}>
      <LazyContinueWatching />
    </Suspense>
  );
}

/** A workout row's progress for a signed-in viewer; nothing otherwise. */
export function WorkoutProgressForViewer(props: ComponentProps<typeof LazyWorkoutProgress>) {
  if (!useSignedInHint()) return null;
  return (
    <Suspense fallback={null}>
      <LazyWorkoutProgress {...props} />
    </Suspense>
  );
}
