import { describe, expect, it } from 'vitest';
import { joinErrorOf, validateJoin } from './join-messages';

describe('join form messages', () => {
  it('checks the fields before asking the API', () => {
    expect(validateJoin({ name: ' ', email: 'x', password: 'short' })).toEqual({
      name: 'Enter your name.',
      email: 'Enter an email address like name@example.com.',
      password: 'Use at least 8 characters. A few unrelated words make a strong password.',
    });
    expect(validateJoin({ name: 'Ada', email: 'ada@example.com', password: 'four words are fine' })).toEqual({});
  });

  it('puts the API’s field refusals under their field, in sentences', () => {
    expect(
      joinErrorOf({
        kind: 'request',
        status: 400,
        message: 'password: is one of the most commonly used passwords; choose another (a few unrelated words make a strong one)',
      }),
    ).toEqual({
      field: 'password',
      message: 'This password is one of the most commonly used passwords; choose another (a few unrelated words make a strong one).',
    });
    expect(
      joinErrorOf({ kind: 'request', status: 409, message: 'email: an account with this email already exists; sign in instead' }),
    ).toEqual({ field: 'email', message: 'An account with this email already exists. Sign in instead.' });
    expect(joinErrorOf({ kind: 'rate-limited', status: 429, message: 'Too many failed sign-ups. Try again in 30 seconds.' })).toEqual({
      message: 'Too many failed sign-ups. Try again in 30 seconds.',
    });
    expect(joinErrorOf(undefined)).toBeUndefined();
  });
});
