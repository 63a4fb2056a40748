import { useEffect } from 'react';
import { Link, Outlet, useMatches } from 'react-router';
import { useAppSelector } from '../hooks';
import { pageTitle } from '../page-title';

export function RootLayout() {
  const matches = useMatches();
  const title = useAppSelector((state) => pageTitle(matches, state));
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
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>Stride · workouts that stream at 6 a.m.</p>
      </footer>
    </>
  );
}
