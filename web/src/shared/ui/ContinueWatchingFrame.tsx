import type { ReactNode } from 'react';

/**
 * The home page's "Continue watching" frame: the same height whatever it holds (`.continue-watching`
 * in styles.css), so the row, a note or the loading state fill the space the page reserved for it.
 * In shared, not in the progress feature: the app shows the loading frame while that feature's
 * chunk is still on its way.
 */
export function ContinueWatchingFrame({ children }: { readonly children: ReactNode }) {
  return (
    <section className="continue-watching" aria-labelledby="continue-watching">
      <h2 id="continue-watching">Continue watching</h2>
      {children}
    </section>
  );
}

/** The frame while the viewer's list (or the code to show it) loads. */
export function ContinueWatchingLoading() {
  return (
    <ContinueWatchingFrame>
      <p className="continue-watching__note" aria-busy="true">
        Loading your workouts…
      </p>
    </ContinueWatchingFrame>
  );
}
