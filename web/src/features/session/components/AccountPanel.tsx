import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { describeApiError } from '../../../shared/api/api-error';
import { useSessionSelector } from '../hooks';
import { loginPathFor } from '../safe-next';
import { useGetMeQuery, useLogoutMutation, useSignOutEverywhereMutation } from '../sessionApi';
import { selectSessionStatus, selectSignedOutReason, selectUser } from '../sessionSlice';
import { subscriptionWords } from '../subscription-words';

/**
 * Subscription state and sign-out. Per-user, so it renders a neutral "checking" state in the
 * prerendered HTML and asks /api/me after hydration.
 */
export function AccountPanel() {
  const navigate = useNavigate();
  const status = useSessionSelector(selectSessionStatus);
  const user = useSessionSelector(selectUser);
  const reason = useSessionSelector(selectSignedOutReason);
  const me = useGetMeQuery(undefined, { skip: status === 'signed-out' });
  const [logout, logoutState] = useLogoutMutation();
  const [signOutEverywhere, everywhereState] = useSignOutEverywhereMutation();
  // Days left are counted from when the page opened; per-viewer parts render only after
  // /api/me answered in the browser, so the clock never reaches the prerendered HTML.
  const [openedAtMs] = useState(() => Date.now());
  const meError = describeApiError(me.error);
  const logoutError = describeApiError(logoutState.error ?? everywhereState.error);

  if (status === 'signed-out') {
    return (
      <section className="account" aria-labelledby="account-title">
        <h1 id="account-title">Your account</h1>
        <p role="status">{reason === 'expired' ? 'Your session has expired. Sign in again to continue.' : 'You are signed out.'}</p>
        <Link className="button" to={loginPathFor('/account')}>
          Sign in
        </Link>
      </section>
    );
  }

  if (!user) {
    if (meError && meError.kind !== 'unauthorized') {
      return (
        <section className="account" aria-labelledby="account-title">
          <h1 id="account-title">Your account</h1>
          <div role="alert" className="notice-inline">
            <p>
              {meError.kind === 'offline'
                ? 'You appear to be offline, so your account could not be loaded.'
                : 'Your account could not be loaded.'}
            </p>
            <button type="button" className="button" onClick={() => void me.refetch()}>
              Retry
            </button>
          </div>
        </section>
      );
    }
    return (
      <section className="account" aria-labelledby="account-title" aria-busy="true">
        <h1 id="account-title">Your account</h1>
        <p>Checking your account…</p>
      </section>
    );
  }

  const words = subscriptionWords(user.subscription, openedAtMs);
  const busy = logoutState.isLoading || everywhereState.isLoading;
  async function signOut(everywhere: boolean) {
    const result = everywhere ? await signOutEverywhere(undefined) : await logout(undefined);
    if (!('error' in result)) await navigate('/', { replace: true });
  }

  return (
    <section className="account" aria-labelledby="account-title">
      <h1 id="account-title">Your account</h1>
      <dl className="facts">
        <div>
          <dt>Name</dt>
          <dd>{user.name || '—'}</dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>Subscription</dt>
          <dd data-subscription={user.subscription.status}>{words.label}</dd>
        </div>
      </dl>
      <p>{words.sentence}</p>
      {logoutError && (
        <p role="alert" className="login-form__error">
          {logoutError.kind === 'offline' ? 'Could not sign out while offline. Try again.' : 'Signing out failed. Try again.'}
        </p>
      )}
      <div className="account__actions">
        <button type="button" className="button button--secondary" onClick={() => void signOut(false)} disabled={busy}>
          {logoutState.isLoading ? 'Signing out…' : 'Sign out'}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void signOut(true)}
          disabled={busy}
          aria-describedby="account-everywhere-hint"
        >
          {everywhereState.isLoading ? 'Signing out everywhere…' : 'Sign out everywhere'}
        </button>
      </div>
      <p id="account-everywhere-hint" className="account__hint">
        Sign out everywhere signs out every device signed in to your account, this one and your TVs too.
      </p>
    </section>
  );
}
