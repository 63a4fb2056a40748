import type { ApiErrorInfo } from '../../../shared/api/api-error';

/** What the sign-in form says when the API refuses or cannot be reached. */
export function loginErrorMessage(info: ApiErrorInfo | undefined): string | undefined {
  if (!info) return undefined;
  switch (info.kind) {
    case 'unauthorized':
      return info.message ?? 'Email or password is incorrect.';
    case 'offline':
      return 'Stride could not be reached. Check your connection and try again.';
    case 'rate-limited':
      return 'Too many sign-in attempts. Wait a minute and try again.';
    case 'request':
      return info.message ? `Sign-in was refused: ${info.message}` : 'Sign-in was refused. Check the email address and try again.';
    case 'server':
      return 'Stride is having trouble signing you in. Try again in a moment.';
    default:
      return 'Sign-in failed. Try again.';
  }
}

/** Client-side checks, so an obviously incomplete form never makes a request. */
export function validateCredentials(email: string, password: string): { email?: string; password?: string } {
  const problems: { email?: string; password?: string } = {};
  const trimmed = email.trim();
  if (trimmed === '') problems.email = 'Enter your email address.';
  else if (!/^[^\s@]+@[^\s@]+$/.test(trimmed)) problems.email = 'Enter an email address like name@example.com.';
  if (password === '') problems.password = 'Enter your password.';
  return problems;
}
