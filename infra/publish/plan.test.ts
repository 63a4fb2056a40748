import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CACHE_CONTROL, objectKind } from '@stride/contract/caching';
import { PublishPlanError, contentType, describePlan, planPublish, type LocalObject, type RemoteObject } from './plan';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const local = (key: string, body = key): LocalObject => ({ key, md5: md5(body), size: body.length });
const remote = (key: string, body = key): RemoteObject => ({ key, etag: `"${md5(body)}"` });

describe('objectKind and headers', () => {
  it.each([
    ['assets/index-97FsGzWh.js', 'hashed-asset'],
    ['assets/index-BODbigMC.css', 'hashed-asset'],
    ['assets/index-97FsGzWh.js.map', 'hashed-asset'],
    ['assets/logo.svg', 'other'],
    ['index.html', 'page'],
    ['programs/hiit-30/index.html', 'page'],
    ['404.html', 'page'],
    ['data/hiit-30.json', 'page-data'],
    ['data/programs/index.json', 'page-data'],
    ['favicon.svg', 'other'],
    ['posters/hiit-30.svg', 'other'],
  ])('%s is %s', (key, kind) => {
    expect(objectKind(key)).toBe(kind);
  });

  it('gives hashed assets a year and immutable, and everything else a short browser life', () => {
    expect(CACHE_CONTROL['hashed-asset']).toBe('public, max-age=31536000, immutable');
    for (const kind of ['page', 'page-data', 'other'] as const) expect(CACHE_CONTROL[kind]).not.toMatch(/immutable|max-age=31536000/);
    expect(CACHE_CONTROL.page).toMatch(/max-age=0\b.*s-maxage=60/);
  });

  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/a-12345678.js', 'text/javascript; charset=utf-8'],
    ['assets/a-12345678.css', 'text/css; charset=utf-8'],
    ['data/x.json', 'application/json; charset=utf-8'],
    ['favicon.svg', 'image/svg+xml'],
    ['media/sample-yoga/captions.vtt', 'text/vtt; charset=utf-8'],
    ['media/sample-yoga/240p/index.m3u8', 'application/vnd.apple.mpegurl'],
    ['assets.v2/LICENSE', 'application/octet-stream'],
    ['LICENSE', 'application/octet-stream'],
    ['x.unknownext', 'application/octet-stream'],
  ])('%s is served as %s', (key, type) => {
    expect(contentType(key)).toBe(type);
  });
});

describe('planPublish', () => {
  it('uploads everything to an empty bucket and invalidates nothing (nothing can be cached yet)', () => {
    const plan = planPublish([local('index.html'), local('assets/app-abcdefgh.js'), local('data/a.json')], []);
    expect(plan.uploads.map((u) => [u.key, u.reason])).toEqual([
      ['assets/app-abcdefgh.js', 'new'],
      ['data/a.json', 'new'],
      ['index.html', 'new'],
    ]);
    expect(plan.invalidationPaths).toEqual([]);
  });

  it('skips objects whose bytes the bucket already has, comparing MD5 with the ETag', () => {
    const plan = planPublish([local('index.html'), local('favicon.svg')], [remote('index.html'), remote('favicon.svg')]);
    expect(plan.uploads).toEqual([]);
    expect(plan.unchanged).toEqual(['favicon.svg', 'index.html']);
    expect(plan.invalidationPaths).toEqual([]);
  });

  it('uploads and invalidates only what changed, pages after the assets they load', () => {
    const plan = planPublish(
      [
        local('index.html', 'v2'),
        local('programs/hiit-30/index.html', 'v2'),
        local('programs/yoga/index.html'),
        local('assets/app-NEWHASH1.js'),
        local('data/hiit-30.json', 'v2'),
        local('favicon.svg'),
      ],
      [
        remote('index.html', 'v1'),
        remote('programs/hiit-30/index.html', 'v1'),
        remote('programs/yoga/index.html'),
        remote('assets/app-OLDHASH1.js'),
        remote('data/hiit-30.json', 'v1'),
        remote('favicon.svg'),
      ],
    );
    expect(plan.uploads.map((u) => u.key)).toEqual([
      'assets/app-NEWHASH1.js',
      'data/hiit-30.json',
      'index.html',
      'programs/hiit-30/index.html',
    ]);
    expect(plan.uploads.find((u) => u.key === 'data/hiit-30.json')).toMatchObject({
      kind: 'page-data',
      reason: 'changed',
      cacheControl: CACHE_CONTROL['page-data'],
      contentType: 'application/json; charset=utf-8',
    });
    expect(plan.invalidationPaths).toEqual([
      '/',
      '/data/hiit-30.json',
      '/index.html',
      '/programs/hiit-30',
      '/programs/hiit-30/',
      '/programs/hiit-30/index.html',
    ]);
    expect(plan.stale).toEqual(['assets/app-OLDHASH1.js']);
  });

  it('never invalidates a hashed asset, even when its bytes differ', () => {
    const plan = planPublish([local('assets/app-abcdefgh.js', 'new bytes')], [remote('assets/app-abcdefgh.js', 'old bytes')]);
    expect(plan.uploads).toHaveLength(1);
    expect(plan.invalidationPaths).toEqual([]);
  });

  it('re-sends an object stored by multipart upload (its ETag is not an MD5)', () => {
    const plan = planPublish([local('data/a.json')], [{ key: 'data/a.json', etag: `"${md5('data/a.json')}-2"` }]);
    expect(plan.uploads.map((u) => u.reason)).toEqual(['changed']);
  });

  it('collapses to /* above the path limit', () => {
    const keys = Array.from({ length: 4 }, (_, i) => `data/p${i}.json`);
    const plan = planPublish(
      keys.map((k) => local(k, 'new')),
      keys.map((k) => remote(k, 'old')),
      { maxInvalidationPaths: 3 },
    );
    expect(plan.invalidationPaths).toEqual(['/*']);
    expect(
      planPublish(
        keys.map((k) => local(k, 'new')),
        keys.map((k) => remote(k, 'old')),
        { maxInvalidationPaths: 4 },
      ).invalidationPaths,
    ).toHaveLength(4);
  });

  it.each([
    [[local('/index.html')], /not a valid object key: "\/index.html"/],
    [[local('a/../b.html')], /not a valid object key: "a\/..\/b.html"/],
    [[local('a//b.html')], /not a valid object key/],
    [[local('a.html'), local('a.html')], /"a.html" is listed twice/],
    [[{ key: 'a.html', md5: 'xyz', size: 1 }], /"a.html": md5 must be 32 hex digits/],
  ])('rejects bad input with a message naming it (%#)', (objects, message) => {
    expect(() => planPublish(objects, [])).toThrow(PublishPlanError);
    expect(() => planPublish(objects, [])).toThrow(message);
  });

  it('rejects a path limit that is not a positive integer', () => {
    expect(() => planPublish([], [], { maxInvalidationPaths: 0 })).toThrow(/maxInvalidationPaths must be a positive integer, got 0/);
  });

  it('describes the plan for people', () => {
    const text = describePlan(planPublish([local('index.html', 'v2'), local('favicon.svg')], [remote('index.html', 'v1')]));
    expect(text).toContain('upload 2 object(s), 0 unchanged, 0 stale (kept)');
    expect(text).toContain('~ index.html  [text/html; charset=utf-8; public, max-age=0');
    expect(text).toContain('+ favicon.svg');
    expect(text).toContain('invalidate 2 path(s): / /index.html');
  });
});
