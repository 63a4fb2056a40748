import { describe, expect, it } from 'vitest';
import { isForwardedRequest, isGeneratedResponse, toCloudFrontRequest, toNodeHeaders } from './edge-event';

describe('toCloudFrontRequest', () => {
  it('splits the query string off without "?" and keeps header spelling and repeats', () => {
    const request = toCloudFrontRequest({
      method: 'GET',
      url: '/programs/hiit-30?utm=a&x=%2F',
      rawHeaders: ['Host', 'localhost:8080', 'Accept', 'text/html', 'X-Forwarded-For', '1.1.1.1', 'x-forwarded-for', '2.2.2.2'],
      clientIp: '127.0.0.1',
    });
    expect(request).toEqual({
      clientIp: '127.0.0.1',
      method: 'GET',
      uri: '/programs/hiit-30',
      querystring: 'utm=a&x=%2F',
      headers: {
        host: [{ key: 'Host', value: 'localhost:8080' }],
        accept: [{ key: 'Accept', value: 'text/html' }],
        'x-forwarded-for': [
          { key: 'X-Forwarded-For', value: '1.1.1.1' },
          { key: 'x-forwarded-for', value: '2.2.2.2' },
        ],
      },
    });
  });

  it('gives an empty querystring when there is none', () => {
    expect(toCloudFrontRequest({ method: 'GET', url: '/', rawHeaders: [], clientIp: '::1' }).querystring).toBe('');
  });
});

describe('result shapes', () => {
  it('tells a generated response from a forwarded request', () => {
    expect(isGeneratedResponse({ status: '302' })).toBe(true);
    expect(isForwardedRequest({ status: '302' })).toBe(false);
    expect(isForwardedRequest({ uri: '/index.html' })).toBe(true);
    expect(isForwardedRequest({ uri: 'index.html' })).toBe(false);
    expect(isForwardedRequest(null)).toBe(false);
  });

  it('flattens headers for Node', () => {
    expect(
      toNodeHeaders({
        'set-cookie': [
          { key: 'Set-Cookie', value: 'a=1' },
          { key: 'Set-Cookie', value: 'b=2' },
        ],
      }),
    ).toEqual({ 'set-cookie': ['a=1', 'b=2'] });
  });
});
