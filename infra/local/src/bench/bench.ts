import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { defaultConfig } from '../config';
import { close, listen } from '../listen';
import { localPaths } from '../paths';
import { startLocalStack } from '../stack';
import type { LoadJob, LoadResult } from './load';
import { createStaticServer } from './static-server';

// `npm run bench:local`: requests/s and p99 through the local CloudFront (cache hits, edge
// functions running) against a plain static file server on the same files, in the same run.
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
// Rounds alternate the two targets (A B B A …) so a noisy neighbour on a shared machine hits both alike.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const OUT = path.join(localPaths.repoRoot, 'bench-results', 'local.json');

function load(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const script = path.join(import.meta.dirname, 'load.ts');
    execFile(process.execPath, ['--import', 'tsx', script, JSON.stringify(job)], { maxBuffer: 512 * 1024 * 1024 }, (error, stdout) => {
      if (error) reject(new Error(`load generator failed: ${error.message}`));
      else resolve(JSON.parse(stdout) as LoadResult);
    });
  });
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const summary = (r: LoadResult) => ({
  requestsPerSecond: Math.round(r.requests / r.seconds),
  p50Ms: Number(pct(r.latencies, 50).toFixed(2)),
  p99Ms: Number(pct(r.latencies, 99).toFixed(2)),
  requests: r.requests,
  errors: r.errors,
  statuses: r.statuses,
  xCache: r.xCache,
});

function merge(runs: readonly LoadResult[]): LoadResult {
  const add = (into: Record<string, number>, from: Record<string, number>) => {
    for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
    return into;
  };
  return {
    requests: runs.reduce((n, r) => n + r.requests, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    statuses: runs.reduce((acc, r) => add(acc, r.statuses), {} as Record<string, number>),
    xCache: runs.reduce((acc, r) => add(acc, r.xCache), {} as Record<string, number>),
    seconds: runs.reduce((n, r) => n + r.seconds, 0),
    latencies: runs.flatMap((r) => r.latencies).sort((a, b) => a - b),
  };
}

async function main(): Promise<void> {
  if (!Number.isInteger(CONCURRENCY) || CONCURRENCY < 1 || !(SECONDS > 0) || !Number.isInteger(ROUNDS) || ROUNDS < 1) {
    throw new Error('BENCH_CONCURRENCY and BENCH_ROUNDS must be positive integers and BENCH_SECONDS a positive number');
  }
  const site = localPaths.siteBucket;
  const assets = readdirSync(path.join(site, 'assets')).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
  // What a viewer loads: pages (viewer-request maps them to index.html objects) and hashed assets.
  const pages = ['/', '/programs/hiit-30', '/programs/morning-yoga'];
  const files = assets.slice(0, 2).map((a) => `/assets/${a}`);
  const cdnPaths = [...pages, ...files];
  const staticPaths = [...pages, ...files];

  const dataDir = mkdtempSync(path.join(tmpdir(), 'stride-bench-'));
  const stack = await startLocalStack({
    ...defaultConfig(dataDir),
    sitePort: 0,
    apiPorts: { 'us-east-1': 0, 'us-west-1': 0 },
    consolePort: 0,
  });
  const baseline = createStaticServer(site);
  const baselinePort = await listen(baseline, 0, 'static baseline', '-');
  try {
    if (!stack.edgeFunctions.includes('viewer-request')) throw new Error('edge/dist has no viewer-request bundle; run npm run build first');
    // Warm the cache so the CloudFront run measures hits.
    for (const p of cdnPaths) {
      const r = await fetch(`${stack.siteUrl}${p}`);
      if (r.status !== 200) throw new Error(`warm-up: ${p} answered ${r.status} through the local CloudFront`);
      await r.arrayBuffer();
    }
    console.log(
      `[bench] ${CONCURRENCY} keep-alive clients, ${ROUNDS} round(s) of ${SECONDS} s per target, ${cdnPaths.length} paths (${cdnPaths.join(', ')}); edge functions: ${stack.edgeFunctions.join(', ')}`,
    );
    const plainJob = { baseUrl: `http://127.0.0.1:${baselinePort}`, paths: staticPaths, concurrency: CONCURRENCY, seconds: SECONDS };
    const cdnJob = {
      baseUrl: stack.siteUrl.replace('localhost', '127.0.0.1'),
      paths: cdnPaths,
      concurrency: CONCURRENCY,
      seconds: SECONDS,
    };
    const plainRuns: LoadResult[] = [];
    const cdnRuns: LoadResult[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      if (round % 2 === 0) {
        plainRuns.push(await load(plainJob));
        cdnRuns.push(await load(cdnJob));
      } else {
        cdnRuns.push(await load(cdnJob));
        plainRuns.push(await load(plainJob));
      }
    }
    const plain = summary(merge(plainRuns));
    const cdn = summary(merge(cdnRuns));
    const ratio = {
      requestsPerSecond: Number((cdn.requestsPerSecond / plain.requestsPerSecond).toFixed(3)),
      p99: Number((cdn.p99Ms / plain.p99Ms).toFixed(3)),
    };

    const rows = [
      ['target', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'errors', 'x-cache'],
      ['plain static server', plain.requestsPerSecond, plain.p50Ms, plain.p99Ms, plain.requests, plain.errors, '-'],
      [
        'local CloudFront (hits)',
        cdn.requestsPerSecond,
        cdn.p50Ms,
        cdn.p99Ms,
        cdn.requests,
        cdn.errors,
        Object.entries(cdn.xCache)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', '),
      ],
    ].map((r) => r.map(String));
    const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
    for (const row of rows) console.log(row.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  '));
    console.log(`\nratio CloudFront / plain: req/s ×${ratio.requestsPerSecond}, p99 ×${ratio.p99}`);

    mkdirSync(path.dirname(OUT), { recursive: true });
    writeFileSync(
      OUT,
      `${JSON.stringify({ time: new Date().toISOString(), node: process.version, cpus: os.cpus().length, concurrency: CONCURRENCY, seconds: SECONDS, rounds: ROUNDS, paths: cdnPaths, plainStatic: plain, localCloudFront: cdn, ratio }, null, 2)}\n`,
    );
    console.log(`[bench] wrote ${path.relative(localPaths.repoRoot, OUT)}`);
  } finally {
    await close(baseline);
    await stack.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`[bench] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
