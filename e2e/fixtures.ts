import { DynamoDBClient, PutItemCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { test as base, expect, type APIRequest, type APIRequestContext, type ConsoleMessage, type Page } from '@playwright/test';
import { unpinApiPath } from '@stride/contract/region-routing';
import { DEFAULT_TABLE_NAME, keys } from '@stride/infra/api-table';
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

/** A viewer account: signed up through the API (a 7-day trial unless said otherwise), signed in nowhere yet. */
export interface ViewerAccount {
  readonly id: string;
  readonly email: string;
  readonly password: string;
  readonly name: string;
}

interface WorkerFixtures {
  readonly stack: LocalStack;
  /**
   * One account for every test this worker runs (a 7-day trial: it may play), for tests that
   * neither read nor depend on a viewer's progress: a test that resumes, reads "Continue
   * watching" or plays a workout other specs play too takes the test-scoped `viewer`.
   */
  readonly workerViewer: ViewerAccount;
  /**
   * One account per worker whose subscription is `none` (playback answers 403
   * `subscription-required`): signed up through the API, then its subscription taken away in the
   * stack's table with the SDK, as no API route does that.
   */
  readonly unsubscribedViewer: ViewerAccount;
  /** One account per worker whose trial ended the day before (it reads `expired`): signed up, then its end moved back in the table. */
  readonly expiredTrialViewer: ViewerAccount;
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

/** Signs a new account up through the API (through the CDN, as the sign-up page does), in a request context of its own. */
async function signUp(request: APIRequestContext, workerIndex: number, kind: string): Promise<ViewerAccount> {
  accounts += 1;
  const account = {
    email: `${kind}-w${workerIndex}-${accounts}-${Date.now().toString(36)}@stride.test`,
    password: 'a walk in the park 42',
    name: `Viewer ${accounts}`,
  };
  const response = await request.post('/api/auth/signup', { data: account });
  expect(response.status(), await response.text()).toBe(201);
  const { user } = (await response.json()) as { user: { id: string } };
  return { ...account, id: user.id };
}

/**
 * Sets a signed-up account's subscription in the table the API reads, with the real SDK: in the
 * primary region's replica first (returning the whole item), then that item into every other
 * replica, so whichever region serves the viewer reads the same account (the replicator's own
 * copy of the sign-up, if still pending, copies the primary's item: the same one).
 */
async function setSubscription(stack: LocalStack, userId: string, subscription: 'none' | { trialEndedDaysAgo: number }): Promise<void> {
  const [primary, ...others] = Object.entries(stack.tables);
  if (!primary) throw new Error('the local stack reported no table endpoints');
  const client = (region: string, endpoint: string) =>
    new DynamoDBClient({ region, endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const { pk, sk } = keys.user(userId);
  const change: { UpdateExpression: string; ExpressionAttributeValues: Record<string, AttributeValue> } =
    subscription === 'none'
      ? { UpdateExpression: 'SET subscription = :s REMOVE subscriptionEndsAt', ExpressionAttributeValues: { ':s': { S: 'none' } } }
      : {
          UpdateExpression: 'SET subscription = :s, subscriptionEndsAt = :e',
          ExpressionAttributeValues: {
            ':s': { S: 'trial' },
            ':e': { S: new Date(Date.now() - subscription.trialEndedDaysAgo * 86_400_000).toISOString() },
          },
        };
  const db = client(...primary);
  let item: Record<string, AttributeValue> | undefined;
  try {
    ({ Attributes: item } = await db.send(
      new UpdateItemCommand({
        TableName: DEFAULT_TABLE_NAME,
        Key: { pk: { S: pk }, sk: { S: sk } },
        ConditionExpression: 'attribute_exists(pk)',
        ReturnValues: 'ALL_NEW',
        ...change,
      }),
    ));
  } finally {
    db.destroy();
  }
  for (const replica of others) {
    const other = client(...replica);
    try {
      await other.send(new PutItemCommand({ TableName: DEFAULT_TABLE_NAME, Item: item }));
    } finally {
      other.destroy();
    }
  }
}

/** A new account: signed up in a request context of its own (so no page is signed in), then changed in the table if asked. */
async function newAccount(
  apiRequest: APIRequest,
  stack: LocalStack,
  workerIndex: number,
  kind: string,
  subscription?: Parameters<typeof setSubscription>[2],
): Promise<ViewerAccount> {
  const request = await apiRequest.newContext({ baseURL: stack.siteUrl });
  const account = await signUp(request, workerIndex, kind);
  await request.dispose();
  if (subscription !== undefined) await setSubscription(stack, account.id, subscription);
  return account;
}

const FAILED_RESOURCE = /^Failed to load resource: the server responded with a status of (\d{3})\b/;

/** Whether a console error is Chromium's report of one of the expected failing responses. */
export function isExpectedResponseError(text: string, resourceUrl: string, expected: readonly ExpectedResponseError[]): boolean {
  const status = FAILED_RESOURCE.exec(text)?.[1];
  if (status === undefined || resourceUrl === '') return false;
  // The app may ask the same API path pinned to a region (a hedged read, a fallback:
  // contract/src/region-routing.ts): that region's answer is the same answer, expected alike.
  const url = new URL(resourceUrl);
  const asApiPath = `${url.origin}${unpinApiPath(url.pathname).path}${url.search}`;
  return expected.some((e) => e.status === Number(status) && (e.url.test(resourceUrl) || e.url.test(asApiPath)));
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
  workerViewer: [
    async ({ playwright, stack }, use, workerInfo) => use(await newAccount(playwright.request, stack, workerInfo.workerIndex, 'worker')),
    { scope: 'worker' },
  ],
  unsubscribedViewer: [
    async ({ playwright, stack }, use, workerInfo) =>
      use(await newAccount(playwright.request, stack, workerInfo.workerIndex, 'unsubscribed', 'none')),
    { scope: 'worker' },
  ],
  expiredTrialViewer: [
    async ({ playwright, stack }, use, workerInfo) =>
      use(await newAccount(playwright.request, stack, workerInfo.workerIndex, 'expired', { trialEndedDaysAgo: 1 })),
    { scope: 'worker' },
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
  viewer: async ({ playwright, stack }, use, testInfo) => use(await newAccount(playwright.request, stack, testInfo.workerIndex, 'viewer')),
});

/** Signs a page's browser context in through the API (the cookies land in that context). */
export async function signInWith(page: Page, account: { email: string; password: string }): Promise<void> {
  const response = await page.request.post('/api/auth/login', { data: { email: account.email, password: account.password } });
  expect(response.status(), await response.text()).toBe(200);
}

export { expect };
