import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOwnStack } from '../../drill/src/local-stack';
import type { Report } from './analysis';
import { loadProfile } from './profile';
import { rehearse } from './rehearse';

// The `smoke` profile end to end on a stack of its own (the real built site and edge bundles):
// viewers arrive, the CDN's counters move, the report is written and judged.
let own: Awaited<ReturnType<typeof startOwnStack>>;
let outDir: string;
let report: Report;
const lines: string[] = [];

beforeAll(async () => {
  own = await startOwnStack(process.env);
  outDir = mkdtempSync(path.join(tmpdir(), 'stride-rehearsal-'));
  report = await rehearse({
    profile: loadProfile('smoke'),
    siteUrl: own.stack.siteUrl,
    consoleUrl: own.stack.consoleUrl,
    outDir,
    log: (l) => lines.push(l),
  });
}, 50_000);
afterAll(async () => {
  await own?.stop();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('npm run rehearse -- --profile smoke', () => {
  it('sends every viewer the profile schedules and holds its thresholds', () => {
    expect(report.arrivals.arrivedViewers).toBe(report.arrivals.targetViewers);
    expect(report.errors).toBe(0);
    expect(report.verdict).toBe('held');
    expect(lines.some((l) => l.startsWith('phase spike begins'))).toBe(true);
  });

  it('walks the whole journey: pages, assets, page data, sign-in, playback, playlists, segments, saves', () => {
    expect(Object.keys(report.latency.byRequestKind).sort()).toEqual([
      'asset',
      'master-playlist',
      'media-playlist',
      'page',
      'page-data',
      'playback-grant',
      'progress-save',
      'segment',
      'sign-in',
      'view-milestone',
    ]);
    // The viewer outside the licence got the 451 it expects, not an error.
    expect(report.cdn.cacheByKind.pages?.errors).toBeGreaterThan(0);
    expect(report.dynamo.itemWritesMeasured).toBeGreaterThan(0);
  });

  it('reads the CDN: hit ratio per kind, origin requests per origin, edge invocations per function', () => {
    expect(report.cacheHitRatio).toBeGreaterThan(0.5);
    expect(Object.keys(report.cdn.cacheByKind)).toEqual(expect.arrayContaining(['pages', 'page-data', 'assets', 'media', 'api']));
    expect(report.cdn.originRequestsByOrigin['api us-east-1']?.total).toBeGreaterThan(0);
    expect(report.cdn.originRequestsByOrigin['stride-media']?.total).toBeGreaterThan(0);
    expect(report.cdn.edgeInvocations['viewer-request']?.count).toBeGreaterThan(0);
    expect(report.cdn.bytesOut).toBeGreaterThan(0);
  });

  it('writes report.json with the headline numbers and a self-contained report.html with its chart', () => {
    const json = JSON.parse(readFileSync(path.join(outDir, 'report.json'), 'utf8')) as Record<string, unknown>;
    for (const key of ['cacheHitRatio', 'errors', 'originRequests', 'costPerMillionViewsUsd']) expect(typeof json[key]).toBe('number');
    const html = readFileSync(path.join(outDir, 'report.html'), 'utf8');
    expect(html).toContain('new uPlot(');
    expect(html).toContain('id="chart-data"');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(report.cost.perMillionViews.cloudFrontFunctionsRouting.totalUsd).toBeLessThan(
      report.cost.perMillionViews.lambdaEdgeRouting.totalUsd,
    );
  });
});
