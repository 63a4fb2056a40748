import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { assertRouteManifest } from '../src/config/route-manifest';
import type { ViewerRequestConfig } from '../src/viewer-request/route-uri';
import { edgePaths } from './paths';

/** Lambda@Edge's limit for viewer-triggered functions (compressed package). */
export const VIEWER_LIMIT_BYTES = 1024 * 1024;

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
  const viewerRequest: ViewerRequestConfig = { manifest };

  const functions: EdgeFunction[] = [
    { name: 'viewer-request', define: { __STRIDE_VIEWER_REQUEST_CONFIG__: JSON.stringify(viewerRequest) } },
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
      define: fn.define,
      logLevel: 'warning',
    });
    const code = await readFile(outfile);
    const gzip = gzipSync(code).length;
    if (gzip > VIEWER_LIMIT_BYTES) {
      throw new Error(`${fn.name}: ${gzip} bytes gzip exceeds Lambda@Edge's ${VIEWER_LIMIT_BYTES}-byte viewer limit`);
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
