import { useEffect } from 'react';
import { Link, Outlet, useLocation, useMatches } from 'react-router';
import { selectNoticeFor, Unavailable } from '../../features/availability';
import { useAppSelector } from '../hooks';
import { pageTitle, UNAVAILABLE_TITLE } from '../page-title';

export function RootLayout() {
  const matches = useMatches();
  const { pathname } = useLocation();
  // The shared 451 page is served at whatever program URL the viewer asked for.
  const unavailable = useAppSelector((state) => selectNoticeFor(state, pathname) === 'unavailable');
  const title = useAppSelector((state) => (unavailable ? UNAVAILABLE_TITLE : pageTitle(matches, state)));
  useEffect(() => {
    document.title = title;
  }, [title]);
  useEffect(() => {
    // Marks the page interactive: CSS and tests can tell prerendered HTML from the hydrated app.
    document.documentElement.dataset.hydrated = 'true';
  }, []);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="site-header__brand">
          Stride
        </Link>
      </header>
      <main id="main" tabIndex={-1}>
        {unavailable ? <Unavailable /> : <Outlet />}
      </main>
      <footer className="site-footer">
        <p>Stride · workouts that stream at 6 a.m.</p>
      </footer>
    </>
  );
}
