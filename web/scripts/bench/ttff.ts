import { chromium } from 'playwright';
import { startLocalStack } from '@stride/e2e/local-stack';

export interface TtffBench {
  readonly workoutId: string;
  readonly plays: number;
  /** ms from navigation start to the first `playing` event of the <video>, per play. */
  readonly samplesMs: readonly number[];
  readonly p50Ms: number;
  readonly maxMs: number;
}

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--autoplay-policy=no-user-gesture-required'];

declare global {
  interface Window {
    __strideFirstPlaying?: number;
  }
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/**
 * Time to first frame in Debian Chromium against the local stack (free loopback ports): sign in
 * as demo@stride.test, then open /watch/<id> in a fresh page per play and read, in the page,
 * performance.now() (ms since navigation start) at the first `playing` event.
 */
export async function benchTtff(plays: number, workoutId: string, timeoutMs: number, log: (line: string) => void): Promise<TtffBench> {
  const stack = await startLocalStack();
  try {
    if (!/^http:\/\/(localhost|127\.0\.0\.1|\[::1\])[:/]/.test(stack.siteUrl)) throw new Error(`local stack is not on loopback: ${stack.siteUrl}`);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const context = await browser.newContext({ baseURL: stack.siteUrl });
      const login = await context.request.post('/api/auth/login', { data: { email: 'demo@stride.test', password: 'stride-demo-1' } });
      if (!login.ok()) throw new Error(`sign-in failed: ${login.status()} ${await login.text()}`);
      await context.addInitScript(() => {
        document.addEventListener(
          'playing',
          (event) => {
            if (event.target instanceof HTMLVideoElement && window.__strideFirstPlaying === undefined) window.__strideFirstPlaying = performance.now();
          },
          true,
        );
      });
      const samples: number[] = [];
      for (let i = 0; i < plays; i += 1) {
        const page = await context.newPage();
        try {
          await page.goto(`/watch/${encodeURIComponent(workoutId)}`);
          const handle = await page.waitForFunction(() => window.__strideFirstPlaying, undefined, { timeout: timeoutMs });
          const ms = Number(await handle.jsonValue());
          samples.push(Number(ms.toFixed(1)));
          log(`ttff: play ${i + 1}/${plays}: ${ms.toFixed(0)} ms`);
        } finally {
          await page.close();
        }
      }
      await context.close();
      return { workoutId, plays, samplesMs: samples, p50Ms: Number(median(samples).toFixed(1)), maxMs: Math.max(...samples) };
    } finally {
      await browser.close();
    }
  } finally {
    await stack.stop();
  }
}
