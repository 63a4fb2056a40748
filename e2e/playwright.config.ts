import { defineConfig } from '@playwright/test';
import { AUTOPLAY_ALLOWED, CHROMIUM, CHROMIUM_ARGS } from './chromium';

// The fixtures seed accounts with the AWS SDK in each worker: its notice that releases from 2027
// need Node 22 would print once per worker. Stride runs on Node 20 on purpose (README).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // Journeys on a loaded 2-core machine (sign-up, a TV signing in by code) take 20–30 s.
  timeout: 60_000,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: CHROMIUM,
      // Every journey knows the player starts playing by itself.
      args: [AUTOPLAY_ALLOWED, ...CHROMIUM_ARGS],
    },
    trace: 'retain-on-failure',
  },
});
