import { readFileSync } from 'node:fs';
import type { Config } from '@react-router/dev/config';

/**
 * Framework-mode twin of the build's prerender, for `npm run bench:web` only. harness.ts sets
 * the site data file (catalog + pages) and the output folder before building; the page list is
 * the one pagesFor gives, so both paths prerender the same pages.
 */
// Names repeated from app/page-data.server.ts and harness.ts: this file is loaded by React
// Router's own config loader, apart from the app, so it keeps its imports to node built-ins.
const siteData = process.env.STRIDE_FM_SITE_DATA;
const buildDirectory = process.env.STRIDE_FM_OUT;
const concurrency = Number(process.env.STRIDE_FM_CONCURRENCY ?? 1);

export default {
  // Static files only, like the build: every page is prerendered, no server at runtime.
  ssr: false,
  buildDirectory: buildDirectory ?? 'build',
  prerender: {
    paths: () => {
      if (!siteData) throw new Error('framework-mode: STRIDE_FM_SITE_DATA is not set (build through harness.ts)');
      return (JSON.parse(readFileSync(siteData, 'utf8')) as { pages: { url: string }[] }).pages.map((p) => p.url);
    },
    // 1 (React Router's default) = serial, as the build's page loop is.
    concurrency,
  },
  // Environment API: lets harness.ts build client + server with Vite's createBuilder().buildApp()
  // (the CLI's other path passes private context between two build() calls).
  future: { v8_viteEnvironmentApi: true },
} satisfies Config;
