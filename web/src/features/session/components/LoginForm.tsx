import { useId, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { describeApiError } from '../../../shared/api/api-error';
import { safeNextPath } from '../safe-next';
import { useLoginMutation } from '../sessionApi';
import { loginErrorMessage, validateCredentials } from './login-messages';

export interface LoginFormProps {
  /** Where to go when there is no usable `next` parameter. */
  readonly defaultNext?: string;
}

/**
 * Email + password sign-in. Errors are announced (role="alert") and tied to their fields with
 * aria-describedby; on success the viewer goes to the same-site `next` path, if any.
 * `next` is read only when submitting, so the prerendered HTML (which has no query string)
 * and the first client render are identical.
 */
export function LoginForm({ defaultNext = '/' }: LoginFormProps) {
  const id = useId();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const [login, { isLoading, error }] = useLoginMutation();
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const serverError = loginErrorMessage(describeApiError(error));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '');
    const password = String(form.get('password') ?? '');
    const problems = validateCredentials(email, password);
    setFieldErrors(problems);
    if (problems.email) return emailRef.current?.focus();
    if (problems.password) return passwordRef.current?.focus();
    const result = await login({ email: email.trim(), password });
    if ('data' in result) {
      await navigate(safeNextPath(searchParams.get('next')) ?? defaultNext, { replace: true });
    } else {
      passwordRef.current?.select();
    }
  }

  const describedBy = (field: 'email' | 'password') =>
    [fieldErrors[field] ? `${id}-${field}-error` : '', serverError ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <form className="login-form" noValidate onSubmit={(event) => void onSubmit(event)} aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Sign in</h1>
      <p className="login-form__intro">Sign in to play workouts and pick up where you left off.</p>
      <div role="alert" id={`${id}-error`} className="login-form__error">
        {serverError}
      </div>
      <div className="field">
        <label htmlFor={`${id}-email`}>Email</label>
        <input
          ref={emailRef}
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          aria-invalid={fieldErrors.email ? true : undefined}
          aria-describedby={describedBy('email')}
        />
        {fieldErrors.email && (
          <p id={`${id}-email-error`} className="field__error">
            {fieldErrors.email}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>Password</label>
        <input
          ref={passwordRef}
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={fieldErrors.password ? true : undefined}
          aria-describedby={describedBy('password')}
        />
        {fieldErrors.password && (
          <p id={`${id}-password-error`} className="field__error">
            {fieldErrors.password}
          </p>
        )}
      </div>
      <button type="submit" className="button" disabled={isLoading} aria-busy={isLoading || undefined}>
        {isLoading ? 'Signing in…' : 'Sign in'}
      </button>
      <p className="login-form__alt">
        New to Stride? <Link to="/join">Start a free trial</Link>
      </p>
    </form>
  );
}
