import type { ApiErrorInfo } from '../../../shared/api/api-error';

export type JoinField = 'name' | 'email' | 'password';
export type JoinProblems = Partial<Record<JoinField, string>>;

/** The length rule the API applies (NIST SP 800-63B: at least 8, long passphrases welcome). */
export const MIN_PASSWORD_LENGTH = 8;

/** Client-side checks, so an obviously incomplete form never makes a request; the API has the last word (common passwords). */
export function validateJoin(fields: Record<JoinField, string>): JoinProblems {
  const problems: JoinProblems = {};
  if (fields.name.trim() === '') problems.name = 'Enter your name.';
  const email = fields.email.trim();
  if (email === '') problems.email = 'Enter your email address.';
  else if (!/^[^\s@]+@[^\s@]+$/.test(email)) problems.email = 'Enter an email address like name@example.com.';
  if ([...fields.password.normalize('NFKC')].length < MIN_PASSWORD_LENGTH)
    problems.password = `Use at least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong password.`;
  return problems;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Where the API's refusal belongs: `{"error": "password: is one of the most commonly used
 * passwords; …"}` goes under the password field as a sentence; anything else is for the whole form.
 */
export function joinErrorOf(info: ApiErrorInfo | undefined): { field?: JoinField; message: string } | undefined {
  if (!info) return undefined;
  const match = /^(name|email|password): (.+)$/.exec(info.message ?? '');
  if (match && (info.kind === 'request' || info.status === 409)) {
    const field = match[1] as JoinField;
    const detail = match[2] ?? '';
    const label = field === 'password' ? 'This password' : field === 'email' ? 'An email address' : 'Your name';
    const sentence =
      field === 'email' && info.status === 409 ? 'An account with this email already exists. Sign in instead.' : `${label} ${detail}.`;
    return { field, message: capitalize(sentence.replace(/\.\.$/, '.')) };
  }
  switch (info.kind) {
    case 'rate-limited':
      return { message: info.message ?? 'Too many attempts. Wait a minute and try again.' };
    case 'offline':
      return { message: 'Stride could not be reached. Check your connection and try again.' };
    case 'server':
      return { message: 'Stride is having trouble creating your account. Try again in a moment.' };
    default:
      return { message: info.message ? `Sign-up was refused: ${info.message}` : 'Sign-up failed. Try again.' };
  }
}
