import { test as base, expect, type ConsoleMessage } from '@playwright/test';
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
}

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
        if (isExpectedResponseError(message.text(), url, expectedResponseErrors)) return;
        problems.push(`console error: ${message.text()} (${url})`);
      });
      await use(undefined);
      expect(problems, 'the page reported errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
