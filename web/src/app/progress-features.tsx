import { lazy, Suspense, type ComponentProps } from 'react';
import { useSignedInHint } from '../shared/api/use-signed-in-hint';
import { ContinueWatchingLoading } from '../shared/ui/ContinueWatchingFrame';
import { useHydrated } from '../shared/ui/use-hydrated';
import { ensureApiFeatures } from './lazy-features';

// The progress feature needs the `/api` client (RTK Query): both load after hydration, and only
// for a viewer with the signed-in hint, so a page's initial JavaScript carries neither.
const loadProgressFeature = async () => {
  const [, feature] = await Promise.all([ensureApiFeatures(), import('../features/progress')]);
  return feature;
};
const LazyContinueWatching = lazy(async () => ({ default: (await loadProgressFeature()).ContinueWatching }));
const LazyWorkoutProgress = lazy(async () => ({ default: (await loadProgressFeature()).WorkoutProgress }));

/**
 * The home page's "Continue watching" slot. Always in the markup, empty in the static HTML: the
 * stylesheet reserves its height when <html data-signed-in> (set before the first paint,
 * contract/src/signed-in-first-paint.ts) or once the app sees the hint (`data-active`: a viewer
 * who signed in since the page loaded), and hides it when the app finds no hint (`data-inactive`:
 * a stale mark). The row then fills the reserved space instead of pushing the page down.
 */
export function ContinueWatchingRow() {
  const hydrated = useHydrated();
  const signedIn = useSignedInHint();
  const state = !hydrated ? {} : signedIn ? { 'data-active': '' } : { 'data-inactive': '' };
  return (
    <div className="continue-watching-slot" {...state}>
      {signedIn && (
        <Suspense fallback={<ContinueWatchingLoading />}>
          <LazyContinueWatching />
        </Suspense>
      )}
    </div>
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
