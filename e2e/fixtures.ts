import { test as base, expect, type ConsoleMessage, type Page } from '@playwright/test';
import { startLocalStack, type LocalStack } from './local-stack';

/**
 * A response a test provokes on purpose (a 403 for a viewer without a subscription, a 503 a test
 * injects): Chromium reports each 4xx/5xx resource as a console error, and only these reports of
 * exactly this status for a URL matching `url` are let through.
 */
export interface ExpectedResponseError {
  readonly status: number;
  /** Matched against the full URL of the failing resource. */
  readonly url: RegExp;
}

interface WorkerFixtures {
  readonly stack: LocalStack;
}

/** A viewer account of a test's own: signed up through the API (a 7-day trial), signed in nowhere yet. */
export interface ViewerAccount {
  readonly email: string;
  readonly password: string;
  readonly name: string;
}

interface TestOptions {
  /**
   * Opt-in, per test or describe block (`test.use({ expectedResponseErrors: [...] })`): the
   * failing responses the failOnPageErrors fixture accepts. Empty by default: any console error
   * fails the test.
   */
  readonly expectedResponseErrors: readonly ExpectedResponseError[];
}

interface TestFixtures {
  /** Fails the test on any uncaught page error or console error (hydration mismatches included). */
  readonly failOnPageErrors: undefined;
  /**
   * A fresh account for this test alone (unique email per worker and test), so journeys never
   * share a viewer's progress, sessions or sign-in throttle. Sign in with `signInWith`.
   */
  readonly viewer: ViewerAccount;
}

/**
 * Chromium reports every 4xx as a console error, and RFC 8628's token endpoint says "not yet" with
 * 400 `authorization_pending` (every 5 s while a TV sign-in page is open): always expected.
 */
const DEVICE_POLL: ExpectedResponseError = { status: 400, url: /\/api\/device\/token$/ };

let accounts = 0;

const FAILED_RESOURCE = /^Failed to load resource: the server responded with a status of (\d{3})\b/;

/** Whether a console error is Chromium's report of one of the expected failing responses. */
export function isExpectedResponseError(text: string, resourceUrl: string, expected: readonly ExpectedResponseError[]): boolean {
  const status = FAILED_RESOURCE.exec(text)?.[1];
  if (status === undefined || resourceUrl === '') return false;
  return expected.some((e) => e.status === Number(status) && e.url.test(resourceUrl));
}

export const test = base.extend<TestOptions & TestFixtures, WorkerFixtures>({
  stack: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
    async ({}, use) => {
      const stack = await startLocalStack();
      await use(stack);
      await stack.stop();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  baseURL: async ({ stack }, use) => {
    await use(stack.siteUrl);
  },
  expectedResponseErrors: [[], { option: true }],
  failOnPageErrors: [
    async ({ page, expectedResponseErrors }, use) => {
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message: ConsoleMessage) => {
        if (message.type() !== 'error') return;
        const { url } = message.location();
        if (isExpectedResponseError(message.text(), url, [...expectedResponseErrors, DEVICE_POLL])) return;
        problems.push(`console error: ${message.text()} (${url})`);
      });
      await use(undefined);
      expect(problems, 'the page reported errors').toEqual([]);
    },
    { auto: true },
  ],
  viewer: async ({ playwright, stack }, use, testInfo) => {
    accounts += 1;
    const account: ViewerAccount = { email: `viewer-w${testInfo.workerIndex}-${accounts}-${Date.now().toString(36)}@stride.test`, password: 'a walk in the park 42', name: `Viewer ${accounts}` };
    // Its own request context: signing up must not sign the test's page in.
    const api = await playwright.request.newContext({ baseURL: stack.siteUrl });
    const response = await api.post('/api/auth/signup', { data: account });
    expect(response.status(), await response.text()).toBe(201);
    await api.dispose();
    await use(account);
  },
});

/** Signs a page's browser context in through the API (the cookies land in that context). */
export async function signInWith(page: Page, account: { email: string; password: string }): Promise<void> {
  const response = await page.request.post('/api/auth/login', { data: { email: account.email, password: account.password } });
  expect(response.status(), await response.text()).toBe(200);
}

export { expect };
