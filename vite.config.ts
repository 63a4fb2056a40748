import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const dir = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

/**
 * React Router's package exports only its development build (dev warnings on); its production
 * build (dist/production, the same code with ENABLE_DEV_WARNINGS = false) is ~0.5 KiB gzip
 * smaller. The browser build resolves to it; the SSR build keeps the package's own.
 */
function reactRouterProductionBuild(): Plugin {
  return {
    name: 'stride:react-router-production',
    apply: 'build',
    enforce: 'pre',
    applyToEnvironment: (environment) => environment.name === 'client',
    async resolveId(source, importer, options) {
      if (source !== 'react-router' && source !== 'react-router/dom') return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved) return null;
      const production = resolved.id.replace(/([\\/]react-router[\\/]dist[\\/])development([\\/])/, '$1production$2');
      if (production === resolved.id) this.error(`react-router resolved outside dist/development (${resolved.id}): update vite.config.ts`);
      return { ...resolved, id: production };
    },
  };
}

/**
 * Every page's initial JavaScript, the libraries the app hydrates with, in one chunk: split by
 * which lazy chunks share them, they came out as several (each compressed apart). RTK Query is
 * not in it: only the lazy routes use it.
 */
const HYDRATION_LIBRARIES =
  /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|react-redux|redux|redux-thunk|reselect|immer|use-sync-external-store)[\\/]|[\\/]node_modules[\\/]@reduxjs[\\/]toolkit[\\/]dist[\\/]redux-toolkit\./;

// One config for the web build (root: web/) and for every unit-test project in the repo.
export default defineConfig({
  root: dir('./web'),
  plugins: [react(), reactRouterProductionBuild()],
  build: {
    outDir: dir('./web/dist/client'),
    emptyOutDir: true,
    manifest: true,
    sourcemap: true,
    rolldownOptions: {
      // The pages' HTML entry, and the /watch pages' small boot script (web/src/watch-boot.ts),
      // which scripts/watch-boot-tag.ts names in those pages only, before the app's entry.
      input: { index: dir('./web/index.html'), 'watch-boot': dir('./web/src/watch-boot.ts') },
    },
  },
  environments: {
    client: {
      build: {
        rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'framework', test: HYDRATION_LIBRARIES }] } } },
      },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'web', root: dir('./web'), include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'] },
      },
      {
        test: { name: 'contract', root: dir('./contract'), include: ['src/**/*.test.ts'] },
      },
      {
        test: { name: 'edge', root: dir('./edge'), include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'] },
      },
      {
        test: {
          name: 'infra',
          root: dir('./infra'),
          include: ['**/*.test.ts'],
          exclude: ['**/node_modules/**', 'cdk.out/**'],
          // CDK synthesis of a stack with bundled assets takes a few seconds on 2 cores.
          testTimeout: 60_000,
        },
      },
    ],
  },
});
