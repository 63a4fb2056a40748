import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import path from 'node:path';
import type { DistributionDescription } from '../../../distribution/distribution-description';
import { contentTypeOf } from '../../../publish/content-types';
import { defaultConfig, type LocalStackConfig } from '../config';
import { startLocalStack, type RunningStack } from '../stack';
import { writeFixtureEdge } from './fixture-edge';

export interface TestStack {
  readonly stack: RunningStack;
  readonly dirs: {
    readonly root: string;
    readonly site: string;
    readonly replica: string;
    readonly media: string;
    readonly mediaReplica: string;
    readonly data: string;
  };
  /** The injected clock; `advance` moves it instead of sleeping. */
  readonly clock: { now: number; advance(seconds: number): void };
  site(pathname: string, init?: RequestInit): Promise<Response>;
  /** Puts objects into the primary site bucket on the local S3 server (and its folder), as an upload would. */
  putSite(files: Record<string, string | Buffer>): Promise<void>;
  console(pathname: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

export function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

/** Small site and media buckets with the objects the integration tests ask for. */
const SITE_FILES = {
  'index.html': '<h1>home</h1>',
  '404.html': '<h1>not found page</h1>',
  'page.html': '<p>page</p>',
  'ttl/a.html': 'ttl a',
  'swr/a.html': 'swr a v1',
  'nostore/a.html': 'no store',
  'smax/a.html': 'smax',
  'huge/a.html': 'huge',
  'ores/via.html': 'via',
  'vr/read-only': 'unreachable',
  'vr/disallowed': 'unreachable',
};

/** Starts the whole stack on ephemeral ports with temp buckets, fixture edge functions and a fake clock. */
export async function startTestStack(
  overrides: Partial<LocalStackConfig> = {},
  options: { edge?: boolean; dataDir?: string; distribution?: DistributionDescription } = {},
): Promise<TestStack> {
  const root = mkdtempSync(path.join(tmpdir(), 'stride-stack-'));
  const dirs = {
    root,
    site: path.join(root, 'site'),
    replica: path.join(root, 'replica'),
    media: path.join(root, 'media'),
    mediaReplica: path.join(root, 'media-replica'),
    data: options.dataDir ?? path.join(root, 'data'),
  };
  writeFiles(dirs.site, SITE_FILES);
  writeFiles(dirs.replica, { ...SITE_FILES, 'only-in-replica.html': 'from the replica' });
  const media = {
    'sample-hiit/master.m3u8': '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000\nlow.m3u8\n',
    'sample-hiit/seg0.ts': Buffer.from([0x47, 0, 1, 2]),
    'sample-yoga/master.m3u8': '#EXTM3U\n',
  };
  writeFiles(dirs.media, media);
  writeFiles(dirs.mediaReplica, media);
  const edgeDir = path.join(root, 'edge');
  if (options.edge !== false) writeFixtureEdge(edgeDir);

  const clock = {
    now: Date.now(),
    advance(seconds: number) {
      this.now += seconds * 1000;
    },
  };
  const base = defaultConfig(dirs.data);
  const config: LocalStackConfig = {
    ...base,
    sitePort: 0,
    apiPorts: { 'us-east-1': 0, 'us-west-1': 0 },
    consolePort: 0,
    keysDir: path.join(root, 'keys'),
    siteDir: dirs.site,
    siteReplicaDir: dirs.replica,
    replicateBuckets: false,
    mediaDir: dirs.media,
    mediaReplicaDir: dirs.mediaReplica,
    edgeDistDir: edgeDir,
    edgeTimeouts: { viewerMs: 300, originMs: 300 },
    accessLogFile: path.join(dirs.data, 'logs', 'access.log'),
    // Slow by default so health checks stay out of tests that don't drive them.
    healthCheck: { intervalMs: 60_000, failureThreshold: 3, checkers: 3, timeoutMs: 2_000 },
    now: () => clock.now,
    ...overrides,
  };
  const stack = await startLocalStack(config, options.distribution ? { distribution: options.distribution } : {});
  return {
    stack,
    dirs,
    clock,
    site: (pathname, init) => fetch(`${stack.siteUrl}${pathname}`, init),
    async putSite(files) {
      writeFiles(dirs.site, files);
      const s3 = stack.s3.client();
      for (const [key, body] of Object.entries(files))
        await s3.send(new PutObjectCommand({ Bucket: stack.s3.siteBucket, Key: key, Body: body, ContentType: contentTypeOf(key) }));
    },
    console: (pathname, init) => fetch(`${stack.consoleUrl}${pathname}`, init),
    async stop() {
      await stack.close();
      if (!options.dataDir) rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Polls a condition (bounded) instead of sleeping for a guessed time. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** Set-Cookie values → a Cookie header (name=value pairs only). */
export const cookieHeader = (response: Response): string =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
