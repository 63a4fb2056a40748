import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'vite';
import { checkContentAssets } from './content-assets';
import { ContentError, loadPrograms } from './content';
import { addLazyRoutePreloads, type ClientManifest } from './lazy-route-preloads';
import { webPaths } from './paths';
import { prerender } from './prerender';

const configFile = path.join(webPaths.repoRoot, 'vite.config.ts');

async function main(): Promise<void> {
  const started = performance.now();
  // Validate content first: a bad file should fail in a second, not after two bundler runs.
  const catalog = await loadPrograms(webPaths.contentDir);
  await checkContentAssets(catalog, {
    contentDir: webPaths.contentDir,
    publicDir: path.join(webPaths.webDir, 'public'),
    mediaDir: path.join(webPaths.webDir, 'media'),
  });

  await rm(webPaths.distDir, { recursive: true, force: true });
  await build({ configFile, logLevel: 'warn' });
  await build({
    configFile,
    logLevel: 'warn',
    build: { ssr: 'src/entry-server.tsx', outDir: webPaths.serverDir, emptyOutDir: true, manifest: false, sourcemap: false },
  });

  // The built index.html is the template, not a page: keep it (and Vite's manifest) out of the bucket.
  await mkdir(webPaths.serverDir, { recursive: true });
  await rename(path.join(webPaths.clientDir, 'index.html'), webPaths.template);
  await rename(path.join(webPaths.clientDir, '.vite', 'manifest.json'), path.join(webPaths.distDir, 'client-manifest.json'));
  await rm(path.join(webPaths.clientDir, '.vite'), { recursive: true, force: true });

  const result = await prerender(catalog);
  // Pages whose lazy route entry-client resolves before hydrating: fetch its chunks beside the entry.
  const manifest = JSON.parse(await readFile(path.join(webPaths.distDir, 'client-manifest.json'), 'utf8')) as ClientManifest;
  await addLazyRoutePreloads(webPaths.clientDir, manifest);
  await writeFile(webPaths.buildStamp, new Date().toISOString());
  const ms = Math.round(performance.now() - started);
  console.log(
    `web: ${catalog.length} programs → ${result.pages} pages, ${result.dataFiles} page-data files in ${ms} ms (${path.relative(process.cwd(), webPaths.clientDir)})`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof ContentError ? error.message : error);
  process.exitCode = 1;
});
