/**
 * Debian's Chromium, as every browser this project drives runs it (the e2e suite, the drill's
 * real players, bench:web): Playwright's own browser download cannot run on this network, and
 * without the background-networking flags Chromium dials out at every start.
 */
export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Autoplay allowed: Chromium's default policy lets a page play only after enough engagement, which
 * differs run to run; allowed, a page that starts a player knows it starts playing by itself.
 */
export const AUTOPLAY_ALLOWED = '--autoplay-policy=no-user-gesture-required';
