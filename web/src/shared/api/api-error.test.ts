import { describe, expect, it } from 'vitest';
import { describeApiError } from './api-error';

describe('describeApiError', () => {
  it('maps HTTP statuses to kinds and keeps the API message', () => {
    expect(describeApiError({ status: 401, data: { error: 'Not signed in' } })).toEqual({
      kind: 'unauthorized',
      status: 401,
      message: 'Not signed in',
    });
    expect(describeApiError({ status: 403, data: { error: 'A subscription is needed' } })?.kind).toBe('forbidden');
    expect(describeApiError({ status: 404, data: null })).toEqual({ kind: 'not-found', status: 404 });
    expect(describeApiError({ status: 429, data: {} })?.kind).toBe('rate-limited');
    expect(describeApiError({ status: 503, data: 'x' })?.kind).toBe('server');
    expect(describeApiError({ status: 400, data: { message: 'bad email' } })).toEqual({
      kind: 'request',
      status: 400,
      message: 'bad email',
    });
  });
  it('keeps a refusal’s machine-readable reason and availability instant, and nothing that is not a short string', () => {
    expect(
      describeApiError({
        status: 403,
        data: { error: 'Launches on 1 February 2027', reason: 'not-launched', availableAt: '2027-02-01T00:00:00.000Z' },
      }),
    ).toEqual({
      kind: 'forbidden',
      status: 403,
      message: 'Launches on 1 February 2027',
      reason: 'not-launched',
      availableAt: '2027-02-01T00:00:00.000Z',
    });
    expect(describeApiError({ status: 451, data: { error: 'Not licensed here', reason: 'unlicensed' } })).toEqual({
      kind: 'request',
      status: 451,
      message: 'Not licensed here',
      reason: 'unlicensed',
    });
    expect(describeApiError({ status: 403, data: { reason: 42, availableAt: 'x'.repeat(65) } })).toEqual({
      kind: 'forbidden',
      status: 403,
    });
  });
  it('calls network failures and timeouts offline, and judges unparseable bodies by status', () => {
    expect(describeApiError({ status: 'FETCH_ERROR', error: 'TypeError: fetch failed' })).toEqual({ kind: 'offline' });
    expect(describeApiError({ status: 'TIMEOUT_ERROR', error: 'timeout' })).toEqual({ kind: 'offline' });
    expect(describeApiError({ status: 'PARSING_ERROR', originalStatus: 502, data: '<html>', error: 'bad json' })).toEqual({
      kind: 'server',
      status: 502,
    });
  });
  it('handles no error and serialized errors', () => {
    expect(describeApiError(undefined)).toBeUndefined();
    expect(describeApiError({ message: 'boom', name: 'Error' })).toEqual({ kind: 'unknown', message: 'boom' });
  });
});
