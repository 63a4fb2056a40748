import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiHandler } from '../../../api/src/handler';
import { jsonResponse } from '../../../api/src/responses';
import { close, listen } from '../listen';
import { ReservedConcurrency } from './concurrency';
import { createRegionServer, MAX_PAYLOAD_BYTES } from './region-server';

// The API Gateway + Lambda shell of a region, around a handler the test controls.
let release: () => void = () => undefined;
let gate: Promise<void> = Promise.resolve();
const handler: ApiHandler = async (event) => {
  if (event.rawPath === '/slow') await gate;
  if (event.rawPath === '/throw') throw new Error('secret stack detail');
  return jsonResponse(200, { path: event.rawPath, bytes: event.body?.length ?? 0 }, 'us-east-1');
};
const concurrency = new ReservedConcurrency();
let server: Server;
let base = '';
beforeAll(async () => {
  server = createRegionServer({ region: 'us-east-1', handler, concurrency });
  base = `http://127.0.0.1:${await listen(server, 0, 'region', '-')}`;
});
afterAll(async () => {
  await close(server);
});

describe('local region (API Gateway HTTP API + Lambda)', () => {
  it('answers 413 past the 10 MB payload limit, without invoking the function', async () => {
    const response = await fetch(`${base}/big`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(MAX_PAYLOAD_BYTES + 1),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ message: 'Request Entity Too Large' });
  });

  it('answers 500 "Internal Server Error" when the function throws, with no detail', async () => {
    const response = await fetch(`${base}/throw`);
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('{"message":"Internal Server Error"}');
  });

  it('throttles past the reserved concurrency and recovers when it is removed', async () => {
    concurrency.reserved = 1;
    gate = new Promise((resolve) => (release = resolve));
    try {
      const first = fetch(`${base}/slow`);
      // Wait (bounded) until the first invocation holds the one slot.
      for (let i = 0; i < 200 && concurrency.running < 1; i += 1) await new Promise((r) => setTimeout(r, 5));
      expect(concurrency.running).toBe(1);
      const second = await fetch(`${base}/fast`);
      // API Gateway answers a throttled invocation with 500, as for any rejected invocation.
      expect(second.status).toBe(500);
      expect(second.headers.get('x-stride-region')).toBe('us-east-1');
      release();
      expect((await first).status).toBe(200);
      expect((await fetch(`${base}/fast`)).status).toBe(200);
    } finally {
      release();
      concurrency.reserved = null;
    }
  });
});
