import { afterEach, vi } from 'vitest';
import { sharedRouteMemory } from '../shared/api/region-fallback';
import { forgetPageOutbox } from '../shared/outbox';

/*
 * The `/api` the app talks to, answered in the page itself: `fetch` and `navigator.sendBeacon`
 * replaced for one test, every request recorded with its parsed body. Deterministic under fake
 * timers (an answer is a resolved promise, not a socket), which the player's timing tests need;
 * the real API is exercised by the e2e journeys.
 */

export interface ApiCall {
  readonly method: string;
  /** Path and query, e.g. /api/progress/w-1. */
  readonly path: string;
  /** The JSON body, parsed; undefined without one. */
  readonly body: unknown;
  /** Sent to outlive the page (fetch keepalive); beacons are recorded apart. */
  readonly keepalive: boolean;
}

export interface ApiAnswer {
  readonly status: number;
  readonly body?: unknown;
}

export interface FakeApi {
  /** Every fetch to the API, in the order the page sent them. */
  readonly calls: readonly ApiCall[];
  /** Every navigator.sendBeacon, in order. */
  readonly beacons: readonly ApiCall[];
  /** The calls with this method and path. */
  callsTo(method: string, path: string): ApiCall[];
}

afterEach(() => {
  // The page's route memory and outbox outlive a test: one test's fallback or pending write must
  // not steer or reach the next.
  sharedRouteMemory.forget();
  forgetPageOutbox();
  localStorage.clear();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const parse = (text: string): unknown => (text === '' ? undefined : (JSON.parse(text) as unknown));

/** Answers each request with `answer(call)`; anything it returns nothing for is a 404 naming the request. */
export function installFakeApi(answer: (call: ApiCall) => ApiAnswer | undefined = () => undefined): FakeApi {
  const calls: ApiCall[] = [];
  const beacons: ApiCall[] = [];

  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const call: ApiCall = {
      method: request.method,
      path: url.pathname + url.search,
      body: parse(await request.text()),
      keepalive: (init?.keepalive ?? request.keepalive) === true,
    };
    calls.push(call);
    const { status, body } = answer(call) ?? { status: 404, body: { error: `the fake API has no answer for ${call.method} ${call.path}` } };
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  vi.spyOn(navigator, 'sendBeacon').mockImplementation((url: string | URL, data?: BodyInit | null) => {
    // The player sends JSON in a Blob; read it as the server would, later, here only for the record.
    const path = new URL(url, location.href).pathname;
    const record = { method: 'POST', path, body: undefined as unknown, keepalive: true };
    beacons.push(record);
    if (data instanceof Blob) void data.text().then((text) => (record.body = parse(text)));
    return true;
  });

  return {
    calls,
    beacons,
    callsTo: (method, path) => calls.filter((call) => call.method === method && call.path === path),
  };
}
