import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const dir = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

// One config for the web build (root: web/) and for every unit-test project in the repo.
export default defineConfig({
  root: dir('./web'),
  plugins: [react()],
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
