import { describe, expect, it } from 'vitest';
import { apiGatewayTime, fromHttpApiResult, toHttpApiEvent } from './apigw-event';

const request = (overrides: Partial<Parameters<typeof toHttpApiEvent>[0]> = {}) =>
  toHttpApiEvent(
    {
      method: 'POST',
      url: '/api/auth/login?a=1&a=2&b=x',
      headers: { host: 'api.stride.local', 'content-type': 'application/json', cookie: 'a=1; stride_session=abc', 'user-agent': 'UA' },
      body: Buffer.from('{"email":"x"}'),
      sourceIp: '127.0.0.1',
      ...overrides,
    },
    'local-us-east-1',
    new Date(Date.UTC(2026, 10, 22, 6, 5, 9)),
  );

describe('toHttpApiEvent', () => {
  it('builds a payload 2.0 event with path, query and context', () => {
    const event = request();
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/api/auth/login',
      rawQueryString: 'a=1&a=2&b=x',
      queryStringParameters: { a: '1,2', b: 'x' },
      body: '{"email":"x"}',
      isBase64Encoded: false,
      requestContext: {
        apiId: 'local-us-east-1',
        stage: '$default',
        http: { method: 'POST', path: '/api/auth/login', sourceIp: '127.0.0.1', userAgent: 'UA' },
        time: '22/Nov/2026:06:05:09 +0000',
      },
    });
  });

  it('moves cookies out of the headers', () => {
    const event = request();
    expect(event.cookies).toEqual(['a=1', 'stride_session=abc']);
    expect(event.headers.cookie).toBeUndefined();
  });

  it('base64-encodes a binary body and omits an empty one', () => {
    const binary = request({ headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([0, 1, 2]) });
    expect(binary).toMatchObject({ isBase64Encoded: true, body: 'AAEC' });
    const empty = request({ method: 'GET', url: '/api/ping', body: Buffer.alloc(0) });
    expect(empty.body).toBeUndefined();
    expect(empty.queryStringParameters).toBeUndefined();
  });
});

describe('fromHttpApiResult', () => {
  it('maps status, headers and cookies', () => {
    const parts = fromHttpApiResult({ statusCode: 201, headers: { 'X-Stride-Region': 'us-east-1' }, cookies: ['a=1', 'b=2'], body: 'ok' });
    expect(parts).toEqual({
      statusCode: 201,
      headers: { 'x-stride-region': 'us-east-1', 'set-cookie': ['a=1', 'b=2'] },
      body: Buffer.from('ok'),
    });
  });

  it('decodes a base64 body', () => {
    expect(fromHttpApiResult({ statusCode: 200, body: 'AAEC', isBase64Encoded: true }).body).toEqual(Buffer.from([0, 1, 2]));
  });

  it('infers a 200 JSON response from a bare result', () => {
    expect(fromHttpApiResult({ ok: true } as never)).toMatchObject({ statusCode: 200, body: Buffer.from('{"ok":true}') });
  });

  it('formats times like API Gateway', () => {
    expect(apiGatewayTime(new Date(Date.UTC(2026, 0, 5, 23, 0, 0)))).toBe('05/Jan/2026:23:00:00 +0000');
  });
});
