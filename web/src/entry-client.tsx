import { StrictMode, useEffect } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { BrowserRouter, matchRoutes, useLocation } from 'react-router';
import { bindBrowserStore } from './app/lazy-features';
import { markHydrated } from './app/lazy-route';
import { readPreloadedState } from './app/preloaded-state';
import { bindToLocation } from './features/availability';
import { AppRoutes, routes } from './app/route-table';
import { makeStore } from './app/store';
import { startWatchEarly } from './app/watch-early-start';
import './app/styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('Stride: #root is missing from the page');

const preloaded = readPreloadedState(document);
// The edge serves a coming-soon or 451 object at the address the viewer asked for.
const store = makeStore(preloaded && { ...preloaded, availability: bindToLocation(preloaded.availability, window.location.pathname) });
// Routes that need session, player or the /api client load them lazily, into this store.
bindBrowserStore(store);

// A /watch page asks for its grant, resume point and hls.js now, beside its route's code and
// hydration; a navigation to one asks as it starts. Failures are the player's to report.
let playStartedFor: string | undefined;
const startPlay = (pathname: string) => {
  if (pathname === playStartedFor) return;
  playStartedFor = pathname;
  void startWatchEarly(store, pathname).catch(() => undefined);
};
startPlay(window.location.pathname);

// This page's lazy route (login, account, watch…): its code starts loading now, beside hydration.
// The rest of the page hydrates without it; the route's own HTML hydrates when it arrives.
for (const { route } of matchRoutes(routes, window.location) ?? []) {
  // A failure is the route's to retry when it renders.
  if (typeof route.lazy === 'function') void route.lazy().catch(() => undefined);
}

function BrowserApp() {
  const { pathname } = useLocation();
  // BrowserRouter renders a navigation's new location (in a transition) before the new route's
  // code is in: the first moment the app knows where it is going. startPlay is idempotent per URL.
  startPlay(pathname);
  useEffect(markHydrated, []);
  return <AppRoutes />;
}

hydrateRoot(
  container,
  <StrictMode>
    <Provider store={store}>
      <BrowserRouter>
        <BrowserApp />
      </BrowserRouter>
    </Provider>
  </StrictMode>,
);
