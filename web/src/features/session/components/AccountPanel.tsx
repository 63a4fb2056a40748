import { Link, useNavigate } from 'react-router';
import { describeApiError } from '../../../shared/api/api-error';
import { useSessionSelector } from '../hooks';
import { loginPathFor } from '../safe-next';
import { useGetMeQuery, useLogoutMutation } from '../sessionApi';
import { selectSessionStatus, selectSignedOutReason, selectUser } from '../sessionSlice';

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
  const meError = describeApiError(me.error);
  const logoutError = describeApiError(logoutState.error);

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
            <p>{meError.kind === 'offline' ? 'You appear to be offline, so your account could not be loaded.' : 'Your account could not be loaded.'}</p>
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

  const active = user.subscription.status === 'active';
  async function signOut() {
    const result = await logout(undefined);
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
          <dd data-subscription={user.subscription.status}>{active ? 'Active' : 'No subscription'}</dd>
        </div>
      </dl>
      <p>{active ? 'Your subscription is active: every workout is yours to stream.' : 'You need a subscription to stream workouts. Browsing programs stays free.'}</p>
      {logoutError && (
        <p role="alert" className="login-form__error">
          {logoutError.kind === 'offline' ? 'Could not sign out while offline. Try again.' : 'Signing out failed. Try again.'}
        </p>
      )}
      <button type="button" className="button button--secondary" onClick={() => void signOut()} disabled={logoutState.isLoading}>
        {logoutState.isLoading ? 'Signing out…' : 'Sign out'}
      </button>
    </section>
  );
}
