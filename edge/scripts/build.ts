import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { SESSION_AUDIENCE, SESSION_COOKIE, SESSION_ISSUER } from '@stride/contract/session';
import { sessionKeyPaths } from '@stride/infra/session-keys';
import { statusObjects } from '../src/config/build-route-manifest';
import { assertRouteManifest } from '../src/config/route-manifest';
import { LOCAL_RELEASE_BUCKET } from '@stride/contract/releases';
import type { OriginResponseConfig } from '../src/origin-response/config';
import type { ViewerRequestConfig } from '../src/viewer-request/config';
import { assertJwks } from './jwks';
import { edgePaths } from './paths';

/** Lambda@Edge's limit for viewer-triggered functions (compressed package). */
export const VIEWER_LIMIT_BYTES = 1024 * 1024;
/** Our own budget: a small bundle loads fast on a cold start. */
export const BUDGET_GZIP_BYTES = 50 * 1024;

interface EdgeFunction {
  readonly name: string;
  readonly define: Record<string, string>;
}

async function readJson(file: string, hint: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new Error(`${file} is missing: ${hint}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
}

async function main(): Promise<void> {
  const manifest = await readJson(edgePaths.routeManifest, 'build the web app first (npm run build -w web)');
  assertRouteManifest(manifest, edgePaths.routeManifest);
  // The public half of the key the API signs sessions with (infra/tools/session-keys.ts).
  const jwksFile = process.env.STRIDE_JWKS_FILE ?? sessionKeyPaths.jwks;
  const jwks = await readJson(
    jwksFile,
    'run npm run build from the repository root (it creates the session keys), or set STRIDE_JWKS_FILE',
  );
  assertJwks(jwks, jwksFile);
  const viewerRequest: ViewerRequestConfig = {
    manifest,
    session: { jwks, issuer: SESSION_ISSUER, audience: SESSION_AUDIENCE, cookieName: SESSION_COOKIE },
    // Releases are read from the site bucket: the local stack's by default, AWS's named at deploy.
    release: {
      bucket: process.env.STRIDE_RELEASE_BUCKET ?? LOCAL_RELEASE_BUCKET,
      region: process.env.STRIDE_RELEASE_REGION ?? 'us-east-1',
    },
  };
  const originResponse: OriginResponseConfig = { statusObjects: statusObjects(manifest) };

  const functions: EdgeFunction[] = [
    { name: 'viewer-request', define: { __STRIDE_VIEWER_REQUEST_CONFIG__: JSON.stringify(viewerRequest) } },
    { name: 'origin-response', define: { __STRIDE_ORIGIN_RESPONSE_CONFIG__: JSON.stringify(originResponse) } },
  ];

  await rm(edgePaths.distDir, { recursive: true, force: true });
  const rows: string[] = [];
  for (const fn of functions) {
    const outfile = edgePaths.bundle(fn.name);
    await build({
      entryPoints: [path.join(edgePaths.edgeDir, 'src', fn.name, 'index.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      minify: true,
      legalComments: 'none',
      // Lambda's Node.js runtime provides the AWS SDK; the release reader loads it on its first read.
      external: ['@aws-sdk/*'],
      define: fn.define,
      logLevel: 'warning',
    });
    const code = await readFile(outfile);
    const gzip = gzipSync(code).length;
    if (gzip > VIEWER_LIMIT_BYTES) {
      throw new Error(`${fn.name}: ${gzip} bytes gzip exceeds Lambda@Edge's ${VIEWER_LIMIT_BYTES}-byte viewer limit`);
    }
    if (gzip > BUDGET_GZIP_BYTES) {
      throw new Error(`${fn.name}: ${gzip} bytes gzip exceeds the ${BUDGET_GZIP_BYTES}-byte edge bundle budget`);
    }
    rows.push(`  ${fn.name.padEnd(16)} ${String(code.length).padStart(8)} B raw ${String(gzip).padStart(8)} B gzip`);
  }
  // Lambda loads each function's folder on its own as CommonJS; locally edge/ is an ES module
  // package, so say what the bundles are for Node's loader here too.
  await writeFile(path.join(edgePaths.distDir, 'package.json'), '{ "type": "commonjs" }\n');
  await writeFile(edgePaths.buildStamp, new Date().toISOString());
  console.log(`edge: ${functions.length} function(s) → ${path.relative(process.cwd(), edgePaths.distDir)}\n${rows.join('\n')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
