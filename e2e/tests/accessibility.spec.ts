import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, signInWith, test, type ExpectedResponseError, type ViewerAccount } from '../fixtures';
import { LOCAL_VIEWER_COUNTRY_HEADER } from '@stride/infra/local-viewer-facts';

// axe-core on every kind of page the viewer can land on, hydrated (and, for the player, with the
// stream loaded and its controls shown): no serious or critical violation anywhere. Signed-in
// pages use the worker's accounts: the only progress they save is the same half-watched workout,
// which no other test plays, and they look only for it.

interface PageType {
  readonly name: string;
  readonly path: string;
  /** Who is signed in, if anyone: the worker's viewer (on a trial: may play), or its account without a subscription. */
  readonly signedIn?: 'viewer' | 'unsubscribed';
  readonly headers?: Record<string, string>;
  /** The document's own status, which Chromium reports as a console error. */
  readonly expectedResponseErrors?: readonly ExpectedResponseError[];
  /** Per-viewer data to set up through the API before the page loads. */
  readonly prepare?: (page: Page) => Promise<void>;
  /** What shows the page is the one meant, and ready (for the account signed in, if any). */
  readonly ready: (page: Page, account?: ViewerAccount) => Promise<void>;
}

/** A half-watched workout, so the signed-in rows have something to show. */
const halfWatched = async (page: Page) => {
  const saved = await page.request.put('/api/progress/w-kb-02', { data: { positionSec: 900, durationSec: 2100 } });
  expect(saved.status()).toBe(204);
};

const heading = (name: string) => async (page: Page) => {
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
};

const PAGES: readonly PageType[] = [
  { name: 'home', path: '/', ready: async (page) => expect(page.getByRole('heading', { name: 'All programs' })).toBeVisible() },
  { name: 'program', path: '/programs/hiit-30', ready: heading('HIIT 30') },
  {
    name: 'home (signed in: Continue watching, account link)',
    path: '/',
    signedIn: 'viewer',
    prepare: halfWatched,
    ready: async (page) => {
      await expect(
        page.getByRole('region', { name: 'Continue watching' }).getByRole('link', { name: 'Clean and Press Complex' }),
      ).toBeVisible();
      await expect(page.getByRole('link', { name: 'Your account' })).toBeVisible();
    },
  },
  {
    name: 'program (signed in, with workout progress)',
    path: '/programs/kettlebell-power',
    signedIn: 'viewer',
    prepare: halfWatched,
    ready: async (page) => {
      await heading('Kettlebell Power')(page);
      await expect(page.getByRole('progressbar', { name: 'Clean and Press Complex: watched' })).toBeVisible();
    },
  },
  {
    name: 'coming-soon program',
    path: '/programs/indoor-cycling-endurance',
    ready: async (page) => {
      await heading('Indoor Cycling: Endurance Block')(page);
      await expect(page.getByText('Coming soon', { exact: true })).toBeVisible();
    },
  },
  { name: 'sign-in', path: '/login', ready: heading('Sign in') },
  {
    name: 'sign-in, with field errors',
    path: '/login',
    ready: async (page) => {
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
    },
  },
  {
    name: 'account (signed in)',
    path: '/account',
    signedIn: 'viewer',
    ready: async (page, account) => {
      await heading('Your account')(page);
      await expect(page.getByText(account?.email ?? 'no account signed in')).toBeVisible();
    },
  },
  {
    name: 'player (signed in)',
    path: '/watch/w-pilates-01',
    signedIn: 'viewer',
    ready: async (page) => {
      const player = page.getByRole('region', { name: /^Video player/ });
      await expect(player).toHaveAttribute('data-status', 'playing', { timeout: 15_000 });
      await expect(player.getByRole('button', { name: 'Captions (c)' })).toBeEnabled();
      // Controls auto-hide while playing: pause, so they are checked as the viewer sees them.
      await player.getByRole('button', { name: /^Pause\b/ }).click();
      await expect(player).toHaveAttribute('data-status', 'paused');
    },
  },
  {
    name: 'player, without a subscription',
    path: '/watch/w-pilates-02',
    signedIn: 'unsubscribed',
    expectedResponseErrors: [{ status: 403, url: /\/api\/playback\/w-pilates-02$/ }],
    ready: async (page) => {
      await expect(page.getByRole('alert').getByRole('heading', { name: 'No active subscription' })).toBeVisible();
    },
  },
  {
    name: '404',
    path: '/no/such/page',
    expectedResponseErrors: [{ status: 404, url: /\/no\/such\/page$/ }],
    ready: heading('Page not found'),
  },
  {
    name: '451 (not licensed in the viewer’s country)',
    path: '/programs/strength-foundations',
    headers: { [LOCAL_VIEWER_COUNTRY_HEADER]: 'FR' },
    expectedResponseErrors: [{ status: 451, url: /\/programs\/strength-foundations$/ }],
    ready: heading('Not available in your country'),
  },
];

test.describe('accessibility: no serious or critical axe violations', () => {
  for (const type of PAGES) {
    test.describe(type.name, () => {
      test.use({ expectedResponseErrors: type.expectedResponseErrors ?? [], extraHTTPHeaders: type.headers ?? {} });

      test(`${type.name} page`, async ({ page, workerViewer, unsubscribedViewer }) => {
        const account = type.signedIn === 'viewer' ? workerViewer : type.signedIn === 'unsubscribed' ? unsubscribedViewer : undefined;
        if (account) await signInWith(page, account);
        await type.prepare?.(page);
        await page.goto(type.path);
        await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
        await type.ready(page, account);

        const { violations } = await new AxeBuilder({ page }).analyze();
        const blocking = violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        expect(blocking, `axe on ${type.path}`).toEqual([]);
      });
    });
  }
});
