import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** The <video>'s currentTime, or -1 while the page has no video element. */
export const videoTime = (page: Page): Promise<number> => page.evaluate(() => document.querySelector('video')?.currentTime ?? -1);

/** Signs in through the hydrated sign-in page, as a viewer would. */
export async function signIn(page: Page, account: { readonly email: string; readonly password: string }): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * Waits for the stream to load and play. The browser allows autoplay (playwright.config.ts), so the
 * player's own play() after loading succeeds: no test has to guess whether to press Play.
 */
export async function ensurePlaying(player: Locator): Promise<void> {
  await expect(player).toHaveAttribute('data-status', 'playing', { timeout: 15_000 });
  await expect(player.getByRole('button', { name: /^Pause\b/ })).toBeVisible();
}
