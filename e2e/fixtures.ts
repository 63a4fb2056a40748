import { test as base, expect } from '@playwright/test';
import { startLocalStack, type LocalStack } from './local-stack';

interface WorkerFixtures {
  readonly stack: LocalStack;
}

interface TestFixtures {
  /** Fails the test on any uncaught page error or console error (hydration mismatches included). */
  readonly failOnPageErrors: undefined;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
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
  failOnPageErrors: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error: ${message.text()} (${message.location().url})`);
      });
      await use(undefined);
      expect(problems, 'the page reported errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
