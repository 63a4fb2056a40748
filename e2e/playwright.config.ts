import { defineConfig } from '@playwright/test';

// Debian's Chromium: Playwright's own browser download cannot run on this network.
export const CHROMIUM = '/usr/bin/chromium';

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
      // Autoplay allowed: Chromium's default policy lets a page play only after enough engagement,
      // which differs run to run; allowed, every journey knows the player starts playing by itself.
      args: [
        '--autoplay-policy=no-user-gesture-required',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    trace: 'retain-on-failure',
  },
});
