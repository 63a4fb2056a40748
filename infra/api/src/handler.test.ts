import { describe, expect, it } from 'vitest';
import { httpApiEvent } from './apigw-event.fixture';
import { createApiHandler } from './handler';

const api = createApiHandler({ region: 'us-west-1' });

describe('API handler', () => {
  it('answers ping with its region, uncached', async () => {
    const result = await api(httpApiEvent('GET', '/api/ping'));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body ?? '')).toEqual({ status: 'ok', region: 'us-west-1' });
    expect(result.headers).toMatchObject({ 'x-stride-region': 'us-west-1', 'cache-control': 'no-store' });
  });

  it('answers HEAD like GET', async () => {
    expect((await api(httpApiEvent('HEAD', '/api/ping'))).statusCode).toBe(200);
  });

  it('says 404 with a message for an unknown route', async () => {
    const result = await api(httpApiEvent('GET', '/api/nope'));
    expect(result.statusCode).toBe(404);
    expect(JSON.parse(result.body ?? '')).toEqual({ error: 'No API route at /api/nope' });
  });

  it('says 405 with Allow for a wrong method', async () => {
    const result = await api(httpApiEvent('DELETE', '/api/ping'));
    expect(result.statusCode).toBe(405);
    expect(result.headers.allow).toBe('GET');
  });
});
