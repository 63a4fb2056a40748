import { describe, expect, it } from 'vitest';
import { loginErrorMessage, validateCredentials } from './login-messages';

describe('loginErrorMessage', () => {
  it('explains each failure so the viewer knows what to do', () => {
    expect(loginErrorMessage(undefined)).toBeUndefined();
    expect(loginErrorMessage({ kind: 'unauthorized', status: 401, message: 'Email or password is incorrect' })).toBe(
      'Email or password is incorrect',
    );
    expect(loginErrorMessage({ kind: 'unauthorized', status: 401 })).toMatch(/incorrect/);
    expect(loginErrorMessage({ kind: 'offline' })).toMatch(/connection/);
    expect(loginErrorMessage({ kind: 'rate-limited', status: 429 })).toMatch(/Too many/);
    expect(loginErrorMessage({ kind: 'request', status: 400, message: 'email: must be an email address' })).toContain(
      'must be an email address',
    );
    expect(loginErrorMessage({ kind: 'server', status: 503 })).toMatch(/trouble/);
  });
});

describe('validateCredentials', () => {
  it('names the empty or malformed field', () => {
    expect(validateCredentials('', '')).toEqual({ email: 'Enter your email address.', password: 'Enter your password.' });
    expect(validateCredentials('demo', 'x').email).toMatch(/like name@example.com/);
    expect(validateCredentials(' demo@stride.test ', 'pw')).toEqual({});
  });
});
