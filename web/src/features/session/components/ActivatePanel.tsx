import { useId, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { describeApiError } from '../../../shared/api/api-error';
import { useSignedInHint } from '../../../shared/api/use-signed-in-hint';
import { useHydrated } from '../../../shared/ui/use-hydrated';
import { useSessionSelector } from '../hooks';
import { loginPathFor } from '../safe-next';
import { useApproveDeviceMutation, useGetMeQuery } from '../sessionApi';
import { selectSessionStatus, selectUser } from '../sessionSlice';

/** What the page says when the API refuses a code (400 names the field, 429 the wait). */
function activateErrorMessage(error: Parameters<typeof describeApiError>[0]): string | undefined {
  const info = describeApiError(error);
  if (!info) return undefined;
  if (info.kind === 'rate-limited') return info.message ?? 'Too many wrong codes. Wait a minute and try again.';
  if (info.kind === 'offline') return 'Stride could not be reached. Check your connection and try again.';
  if (info.kind === 'unauthorized') return 'Your session has ended. Sign in again to approve your TV.';
  if (info.message?.startsWith('userCode: ')) {
    const detail = info.message.slice('userCode: '.length);
    return `${detail.charAt(0).toUpperCase()}${detail.slice(1)}.`;
  }
  return 'The TV could not be approved. Try again.';
}

/**
 * `/activate`: a phone or laptop approves a TV's sign-in (RFC 8628's verification page). Signed
 * out, it offers sign-in and comes back here with the code kept; signed in, it takes the code
 * (filled in from `?code=` when the viewer scanned the TV's QR code) and asks to approve "Sign in
 * a TV". Everything here is per-viewer: the prerendered HTML is the neutral checking state.
 */
export function ActivatePanel() {
  const id = useId();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const status = useSessionSelector(selectSessionStatus);
  const user = useSessionSelector(selectUser);
  const hydrated = useHydrated();
  const hinted = useSignedInHint();
  // A public page: without the signed-in hint it never asks /api/me (a signed-out viewer gets no 401).
  const signedOut = status === 'signed-out' || (hydrated && !hinted && status !== 'signed-in');
  useGetMeQuery(undefined, { skip: !hinted || status === 'signed-out' });
  const [approve, approveState] = useApproveDeviceMutation();
  const [decided, setDecided] = useState<'approved' | 'denied' | undefined>();
  const message = activateErrorMessage(approveState.error);

  if (signedOut) {
    return (
      <section className="account" aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>Sign in a TV</h1>
        <p>Sign in on this device first; then you can approve your TV with the code it shows.</p>
        <Link className="button" to={loginPathFor(`${location.pathname}${location.search}`)}>
          Sign in
        </Link>{' '}
        <Link to="/join">Start a free trial</Link>
      </section>
    );
  }
  if (!user) {
    return (
      <section className="account" aria-labelledby={`${id}-title`} aria-busy="true">
        <h1 id={`${id}-title`}>Sign in a TV</h1>
        <p>Checking your account…</p>
      </section>
    );
  }
  if (decided) {
    return (
      <section className="account" aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>Sign in a TV</h1>
        <p role="status">{decided === 'approved' ? 'Your TV is signing in. You can put this device away.' : 'The TV was not signed in.'}</p>
      </section>
    );
  }

  async function decide(form: HTMLFormElement, allow: boolean) {
    const userCode = String(new FormData(form).get('code') ?? '');
    const result = await approve({ userCode, approve: allow });
    if ('data' in result && result.data) setDecided(result.data.status);
  }

  return (
    <form
      className="login-form"
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        void decide(event.currentTarget, true);
      }}
    >
      <h1 id={`${id}-title`}>Sign in a TV</h1>
      <p className="login-form__intro">
        Enter the code your TV shows to sign it in as <strong>{user.email}</strong>.
      </p>
      <div role="alert" id={`${id}-error`} className="login-form__error">
        {message}
      </div>
      <div className="field">
        <label htmlFor={`${id}-code`}>Code shown on your TV</label>
        <input
          id={`${id}-code`}
          name="code"
          type="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          defaultValue={searchParams.get('code') ?? ''}
          required
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${id}-error` : undefined}
        />
      </div>
      <button type="submit" className="button" disabled={approveState.isLoading}>
        Approve
      </button>{' '}
      <button
        type="button"
        className="button button--secondary"
        disabled={approveState.isLoading}
        onClick={(event) => {
          if (event.currentTarget.form) void decide(event.currentTarget.form, false);
        }}
      >
        Not my TV
      </button>
    </form>
  );
}
