import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LivePointer, ReleaseManifest } from '@stride/contract/releases';
import type { RouteManifest } from '../config/route-manifest';
import { viewerRequestEvent } from './fixtures/events';
import { NOW_MS, testManifest } from './fixtures/manifest';
import { asRequest } from './fixtures/harness';
import { AUDIENCE, COOKIE, ISSUER, makeKey } from './fixtures/tokens';
import { createViewerRequestHandler } from './handler';
import { bakedSnapshot, createReleaseRouting, type ReleaseReader } from './release-routing';

const R1 = 'r-20261122-110000-aaaa';
const R2 = 'r-20261122-120000-bbbb';
const md5 = 'a'.repeat(32);

/** A release of the fixture manifest: every object stored under `id` (or `older` for the ones named). */
function release(id: string, routing: RouteManifest = testManifest, older: Record<string, string> = {}): ReleaseManifest<RouteManifest> {
  const keys = [
    'index.html',
    'programs/hiit-30/index.html',
    'programs/indoor-cycling/index.html',
    'programs/indoor-cycling/coming-soon/index.html',
    'data/programs/indoor-cycling.json',
    'assets/app-Abc12345.js',
    '404.html',
    '451.html',
  ];
  return {
    format: 1,
    id,
    createdAt: '2026-11-22T11:00:00Z',
    routing,
    catalog: [],
    objects: Object.fromEntries(keys.map((key) => [key, { md5, size: 1, release: older[key] ?? id }])),
  };
}

/** An in-memory bucket: the pointer and the manifests, with a switch to make reads fail. */
function bucket(live: string | undefined, manifests: Record<string, unknown>) {
  const state = { live, failing: false, reads: 0 };
  const reader: ReleaseReader = {
    async pointer() {
      state.reads += 1;
      if (state.failing) throw new Error('S3 unreachable');
      return state.live
        ? ({ format: 1, release: state.live, flippedAt: '2026-11-22T11:00:00Z', reason: 'publish' } satisfies LivePointer)
        : undefined;
    },
    async manifest(id) {
      if (state.failing) throw new Error('S3 unreachable');
      return manifests[id];
    },
  };
  return { state, reader };
}

const clock = { now: NOW_MS };
const now = () => clock.now;
afterEach(() => {
  clock.now = NOW_MS;
  vi.useRealTimers();
});

describe('routing from the live release, per container', () => {
  it('reads the live release before the first request, then answers from memory until the refresh interval', async () => {
    const { state, reader } = bucket(R1, { [R1]: release(R1) });
    const routing = createReleaseRouting(bakedSnapshot(testManifest), reader, { now, log: () => {} });
    const first = await routing.current();
    expect(first.release).toBe(R1);
    expect(first.objectUri('/programs/hiit-30/index.html')).toBe(`/releases/${R1}/programs/hiit-30/index.html`);
    clock.now += 4_999;
    expect(routing.current()).toBe(first);
    expect(state.reads).toBe(1);
  });

  it('after the refresh interval, the request goes on with its copy while one read follows the pointer', async () => {
    const { state, reader } = bucket(R1, { [R1]: release(R1), [R2]: release(R2, testManifest, { 'index.html': R1 }) });
    const routing = createReleaseRouting(bakedSnapshot(testManifest), reader, { now, log: () => {} });
    await routing.current();
    state.live = R2;
    clock.now += 5_000;
    const during = routing.current();
    expect(during).not.toBeInstanceOf(Promise);
    expect((during as Awaited<typeof during>).release).toBe(R1);
    await vi.waitFor(() => expect((routing.current() as Awaited<ReturnType<typeof routing.current>>).release).toBe(R2));
    const after = (await routing.current()).objectUri;
    // An object unchanged since R1 is still read from R1's upload; one the release lacks is its 404 page.
    expect(after('/index.html')).toBe(`/releases/${R1}/index.html`);
    expect(after('/programs/morning-yoga/index.html')).toBe(`/releases/${R2}/404.html`);
    // A hashed asset of an older release (an open tab) is served under its own name.
    expect(after('/assets/app-Old98765.js')).toBe('/assets/app-Old98765.js');
  });

  it('keeps the last good copy when a read fails or the release is broken, and retries only after the interval', async () => {
    const logged: unknown[] = [];
    const broken = { ...release(R2), routing: { ...testManifest, version: 3 } };
    const { state, reader } = bucket(R1, { [R1]: release(R1), [R2]: broken });
    const routing = createReleaseRouting(bakedSnapshot(testManifest), reader, { now, log: (m) => logged.push(m) });
    await routing.current();
    state.failing = true;
    clock.now += 31_000;
    expect((await routing.current()).release).toBe(R1);
    const readsAfterFailure = state.reads;
    clock.now += 1_000;
    expect(routing.current()).not.toBeInstanceOf(Promise);
    expect(state.reads).toBe(readsAfterFailure);
    state.failing = false;
    state.live = R2;
    clock.now += 5_000;
    await routing.current();
    await vi.waitFor(() => expect(logged).toHaveLength(2));
    expect((await routing.current()).release).toBe(R1);
  });

  it('keeps the baked routing when nothing was ever published', async () => {
    const baked = bakedSnapshot(testManifest);
    const routing = createReleaseRouting(baked, bucket(undefined, {}).reader, { now });
    expect(await routing.current()).toBe(baked);
    expect(baked.objectUri('/programs/hiit-30/index.html')).toBe('/programs/hiit-30/index.html');
  });

  it('past the staleness bound a request waits for the read, at most the read timeout', async () => {
    vi.useFakeTimers();
    const reader: ReleaseReader = { pointer: () => new Promise(() => {}), manifest: () => new Promise(() => {}) };
    const baked = bakedSnapshot(testManifest);
    const routing = createReleaseRouting(baked, reader, { now, readTimeoutMs: 800 });
    const waiting = routing.current();
    expect(waiting).toBeInstanceOf(Promise);
    await vi.advanceTimersByTimeAsync(800);
    expect(await waiting).toBe(baked);
  });
});

describe('the viewer-request routing by the live release', () => {
  it('serves a release page from its release keys, and flips at launchAt with nobody acting', async () => {
    const key = await makeKey('key-2026-11');
    const launchAt = new Date(NOW_MS + 60_000).toISOString();
    const routing: RouteManifest = {
      ...testManifest,
      programs: testManifest.programs.map((p) => (p.path === '/programs/indoor-cycling' ? { ...p, launchAt } : p)),
    };
    const { reader } = bucket(R1, { [R1]: release(R1, routing) });
    const handler = createViewerRequestHandler(
      { manifest: testManifest, session: { jwks: { keys: [key.publicJwk] }, issuer: ISSUER, audience: AUDIENCE, cookieName: COOKIE } },
      { now, routing: createReleaseRouting(bakedSnapshot(testManifest), reader, { now }) },
    );
    const uriOf = async (uri: string) => asRequest(await handler(viewerRequestEvent(uri))).uri;
    expect(await uriOf('/programs/indoor-cycling')).toBe(`/releases/${R1}/programs/indoor-cycling/coming-soon/index.html`);
    expect(await uriOf('/data/programs/indoor-cycling.json')).toBe(`/releases/${R1}/404.html`);
    clock.now += 60_000;
    expect(await uriOf('/programs/indoor-cycling')).toBe(`/releases/${R1}/programs/indoor-cycling/index.html`);
    expect(await uriOf('/data/programs/indoor-cycling.json')).toBe(`/releases/${R1}/data/programs/indoor-cycling.json`);
    expect(await uriOf('/api/progress')).toBe('/api/progress');
  });
});
