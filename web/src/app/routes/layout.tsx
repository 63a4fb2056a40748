import { useEffect } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { selectNoticeFor, Unavailable } from '../../features/availability';
import { selectDevice, useDpad, type DpadOptions } from '../../features/device';
import { AccountLink } from '../components/AccountLink';
import { useAppSelector } from '../hooks';
import { usePageMatches } from '../page-matches';
import { pageTitle, UNAVAILABLE_TITLE } from '../page-title';

/**
 * Where focus starts on a TV page, most specific first: a component's own mark, a program's
 * first workout, the featured program, the sign-in form, the signed-out account's sign-in link
 * (not "Sign out": OK on arrival must not sign anyone out), a notice's way on. A page with none
 * (coming soon) starts wherever the first arrow press lands.
 */
const TV_NAVIGATION: DpadOptions = {
  content: '#main',
  primary: ['[data-tv-primary]', '.workout-list__link', '.hero .button', '.login-form input', '.account a.button', '.notice .button'],
};

export function RootLayout() {
  const matches = usePageMatches();
  const { pathname } = useLocation();
  // The shared 451 page is served at whatever program URL the viewer asked for.
  const unavailable = useAppSelector((state) => selectNoticeFor(state, pathname) === 'unavailable');
  const title = useAppSelector((state) => (unavailable ? UNAVAILABLE_TITLE : pageTitle(matches, state)));
  // The URL is the same for both layouts (the edge picks the object), so the page's state says which.
  const device = useAppSelector(selectDevice);
  const tv = device === 'tv';
  useEffect(() => {
    document.title = title;
  }, [title]);
  useEffect(() => {
    // Marks the page interactive: CSS and tests can tell prerendered HTML from the hydrated app.
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  useEffect(() => {
    // On <html> too, so the TV stylesheet can scale rem units in engines without :has().
    document.documentElement.dataset.device = device;
  }, [device]);
  useDpad(tv, pathname, TV_NAVIGATION);

  const page = (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="site-header__brand">
          Stride
        </Link>
        <AccountLink />
      </header>
      <main id="main" tabIndex={-1}>
        {unavailable ? <Unavailable /> : <Outlet />}
      </main>
      <footer className="site-footer">
        <p>Stride · workouts that stream at 6 a.m.</p>
        {tv && <p className="tv-hint">Arrows move · OK chooses · Back goes back</p>}
      </footer>
    </>
  );
  // Web pages keep their markup as it was; the TV frame is in the prerendered HTML, so the
  // 10-foot layout shows before any script runs.
  return tv ? (
    <div className="tv-app" data-device="tv">
      {page}
    </div>
  ) : (
    page
  );
}
