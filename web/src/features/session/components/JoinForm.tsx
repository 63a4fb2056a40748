import { useId, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { describeApiError } from '../../../shared/api/api-error';
import { safeNextPath } from '../safe-next';
import { useSignupMutation } from '../sessionApi';
import { joinErrorOf, validateJoin, type JoinField, type JoinProblems } from './join-messages';

const FIELDS: readonly { name: JoinField; label: string; type: string; autoComplete: string; hint?: string }[] = [
  { name: 'name', label: 'Name', type: 'text', autoComplete: 'name' },
  { name: 'email', label: 'Email', type: 'email', autoComplete: 'email' },
  {
    name: 'password',
    label: 'Password',
    type: 'password',
    autoComplete: 'new-password',
    hint: 'At least 8 characters. Long passphrases are welcome; no symbols required.',
  },
];

/**
 * Sign-up with a 7-day free trial. Field errors (the form's own checks and the API's, such as a
 * common password or an email already registered) sit under their field, tied with
 * aria-describedby; the rest is announced in the alert region. Signed in on success, the viewer
 * goes to the same-site `next` path (read only on submit, as the sign-in form does) or home.
 */
export function JoinForm() {
  const id = useId();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const [signup, { isLoading, error }] = useSignupMutation();
  const [problems, setProblems] = useState<JoinProblems>({});
  const inputs = useRef<Partial<Record<JoinField, HTMLInputElement | null>>>({});

  const serverError = joinErrorOf(describeApiError(error));
  const fieldErrors: JoinProblems = serverError?.field ? { ...problems, [serverError.field]: serverError.message } : problems;
  const formError = serverError && !serverError.field ? serverError.message : undefined;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const fields = {
      name: String(form.get('name') ?? ''),
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
    };
    const found = validateJoin(fields);
    setProblems(found);
    const first = FIELDS.find((f) => found[f.name]);
    if (first) return inputs.current[first.name]?.focus();
    const result = await signup({ name: fields.name.trim(), email: fields.email.trim(), password: fields.password });
    if ('data' in result) {
      await navigate(safeNextPath(searchParams.get('next')) ?? '/', { replace: true });
    } else {
      const refused = joinErrorOf(describeApiError(result.error));
      if (refused?.field) inputs.current[refused.field]?.focus();
    }
  }

  return (
    <form className="login-form" noValidate onSubmit={(event) => void onSubmit(event)} aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Join Stride</h1>
      <p className="login-form__intro">Start a free 7-day trial: every workout, on every screen. No card needed.</p>
      <div role="alert" id={`${id}-error`} className="login-form__error">
        {formError}
      </div>
      {FIELDS.map((field) => {
        const problem = fieldErrors[field.name];
        const describedBy =
          [field.hint ? `${id}-${field.name}-hint` : '', problem ? `${id}-${field.name}-error` : ''].filter(Boolean).join(' ') || undefined;
        return (
          <div className="field" key={field.name}>
            <label htmlFor={`${id}-${field.name}`}>{field.label}</label>
            <input
              ref={(element) => {
                inputs.current[field.name] = element;
              }}
              id={`${id}-${field.name}`}
              name={field.name}
              type={field.type}
              autoComplete={field.autoComplete}
              required
              aria-invalid={problem ? true : undefined}
              aria-describedby={describedBy}
            />
            {field.hint && (
              <p id={`${id}-${field.name}-hint`} className="field__hint">
                {field.hint}
              </p>
            )}
            {problem && (
              <p id={`${id}-${field.name}-error`} className="field__error">
                {problem}
              </p>
            )}
          </div>
        );
      })}
      <button type="submit" className="button" disabled={isLoading} aria-busy={isLoading || undefined}>
        {isLoading ? 'Creating your account…' : 'Start free trial'}
      </button>
      <p className="login-form__alt">
        Already have an account? <Link to="/login">Sign in</Link>
      </p>
    </form>
  );
}
