import { Link, useLocation } from 'react-router';
import { useSignedInHint } from '../../shared/api/use-signed-in-hint';
import { useHydrated } from '../../shared/ui/use-hydrated';

/**
 * The header's way to the viewer's account: "Sign in" (returning here afterwards) until the
 * page knows better. The prerendered HTML is the same for every viewer, so the signed-in form
 * appears after hydration, from the readable signed-in hint the API sets beside the session.
 */
export function AccountLink() {
  const signedIn = useSignedInHint();
  const hydrated = useHydrated();
  const { pathname, search } = useLocation();
  if (signedIn) {
    // A document navigation: /account is protected at the edge, which checks the session first.
    return (
      <Link to="/account" reloadDocument className="site-header__account">
        Your account
      </Link>
    );
  }
  if (pathname === '/login') return null;
  // Shared objects (the 404, 451 and /watch pages) are rendered at one path and served at many:
  // the return address joins the link once hydrated, so the first render matches the HTML.
  const next = hydrated ? `${pathname}${search}` : '/';
  return (
    <Link to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} className="site-header__account">
      Sign in
    </Link>
  );
}
