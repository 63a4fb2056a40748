import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../testing/harness';
import { contentKind, type CountersSnapshot } from './counters';

let t: TestStack;
beforeAll(async () => {
  t = await startTestStack();
});
afterAll(async () => {
  await t?.stop();
});

const cdn = async (): Promise<CountersSnapshot> => ((await (await t.console('/api/state')).json()) as { cdn: CountersSnapshot }).cdn;

describe('local CloudFront counters and request collapsing', () => {
  it('tells pages, page data, assets, media and the API apart by URL', () => {
    expect(contentKind('/programs/hiit-30')).toBe('pages');
    expect(contentKind('/tv/index.html')).toBe('pages');
    expect(contentKind('/data/programs/hiit-30.json')).toBe('page-data');
    expect(contentKind('/assets/index-abc123.js')).toBe('assets');
    expect(contentKind('/media/sample-hiit/master.m3u8')).toBe('media');
    expect(contentKind('/api/playback/w-1')).toBe('api');
  });

  it('sends one origin request for twenty simultaneous requests of one cache key; the others are hits or collapsed onto it', async () => {
    await t.putSite({ 'ttl/spike.html': 'spike' });
    const before = await cdn();
    const answers = await Promise.all(Array.from({ length: 20 }, () => t.site('/ttl/spike.html')));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(await Promise.all(answers.map((a) => a.text()))).toEqual(Array(20).fill('spike'));
    const after = await cdn();
    expect((after.originRequests['stride-site-primary'] ?? 0) - (before.originRequests['stride-site-primary'] ?? 0)).toBe(1);
    const pages = after.kinds.pages;
    const was = before.kinds.pages ?? { requests: 0, hits: 0, misses: 0, collapsed: 0 };
    expect(pages?.requests).toBe(was.requests + 20);
    // One miss went to the origin; every other request was a hit or waited for that miss.
    expect((pages?.misses ?? 0) - was.misses - ((pages?.collapsed ?? 0) - was.collapsed)).toBe(1);
    expect((pages?.hits ?? 0) - was.hits + ((pages?.collapsed ?? 0) - was.collapsed)).toBe(19);
    expect(after.behaviors['*']?.requests).toBeGreaterThanOrEqual(20);
    expect((pages?.bytesOut ?? 0) - ((before.kinds.pages as { bytesOut?: number } | undefined)?.bytesOut ?? 0)).toBe(20 * 'spike'.length);
  });

  it('counts each edge function invocation with its run time', async () => {
    const before = await cdn();
    await t.site('/page.html');
    const after = await cdn();
    expect((after.edgeInvocations['viewer-request']?.count ?? 0) - (before.edgeInvocations['viewer-request']?.count ?? 0)).toBe(1);
    expect(after.edgeInvocations['viewer-request']?.totalMs).toBeGreaterThan(0);
  });
});
