import { describe, expect, it } from 'vitest';
import { testManifest } from './fixtures/manifest';
import { compileRoutes } from './route-table';
import { classifyUri } from './uri-decision';

const table = compileRoutes(testManifest);

describe('what the URI alone decides', () => {
  it('rejects traversal with 400 and an absurd length with 414, naming the reason', () => {
    expect(classifyUri('/programs/%2e%2e/account', table)).toEqual({
      kind: 'reject',
      status: 400,
      reason: 'the path contains a "." or ".." segment',
    });
    expect(classifyUri(`/${'a'.repeat(3000)}`, table)).toMatchObject({ kind: 'reject', status: 414 });
  });

  it('sends /api and /media to their origins, re-encoded, whatever the session', () => {
    expect(classifyUri('/api/progress', table)).toEqual({ kind: 'origin', uri: '/api/progress' });
    expect(classifyUri('/media/w%201/master.m3u8', table)).toEqual({ kind: 'origin', uri: '/media/w%201/master.m3u8' });
  });

  it('names a vanity redirect without the query (each request adds its own)', () => {
    expect(classifyUri('/go/YOGA/', table)).toEqual({ kind: 'vanity', to: '/programs/morning-yoga', status: 301 });
  });

  it('sends every other form of a page to its canonical URI', () => {
    expect(classifyUri('/Programs/HIIT-30/', table)).toEqual({ kind: 'canonical', uri: '/programs/hiit-30' });
    expect(classifyUri('/programs/hiit-30/index.html', table)).toEqual({ kind: 'canonical', uri: '/programs/hiit-30' });
    expect(classifyUri('/WATCH/Abc', table)).toEqual({ kind: 'canonical', uri: '/watch/Abc' });
  });

  it('a page at its canonical URI says whether it needs a session', () => {
    expect(classifyUri('/programs/hiit-30', table)).toMatchObject({ kind: 'page', uri: '/programs/hiit-30', needsSession: false });
    expect(classifyUri('/account', table)).toMatchObject({ kind: 'page', uri: '/account', needsSession: true });
    expect(classifyUri('/watch/w-1', table)).toMatchObject({
      kind: 'page',
      uri: '/watch/w-1',
      needsSession: true,
      match: { kind: 'pattern', canonical: '/watch/w-1' },
    });
  });

  it('an unrouted path keeps the prefix policy, its program (for page data) and whether the bucket serves it as a file', () => {
    expect(classifyUri('/watch/a/b', table)).toEqual({
      kind: 'unrouted',
      uri: '/watch/a/b',
      needsSession: true,
      programOfData: undefined,
      servedAsFile: false,
    });
    expect(classifyUri('/data/programs/indoor-cycling.json', table)).toEqual({
      kind: 'unrouted',
      uri: '/data/programs/indoor-cycling.json',
      needsSession: false,
      programOfData: '/programs/indoor-cycling',
      servedAsFile: true,
    });
    expect(classifyUri('/assets/app-1a2b.js', table)).toMatchObject({ kind: 'unrouted', servedAsFile: true });
    expect(classifyUri('/programs/coming-soon/index.html', table)).toMatchObject({ kind: 'unrouted', servedAsFile: false });
  });

  it('never serves a release object by name: the pointer, a manifest and a release copy of an unlaunched page are the 404 page', () => {
    for (const uri of [
      '/releases/live.json',
      '/releases/r-20261205-120000-ab12/release.json',
      '/Releases/r-1/programs/coming-soon/index.html',
    ])
      expect(classifyUri(uri, table)).toMatchObject({ kind: 'unrouted', servedAsFile: false, programOfData: undefined });
  });
});
