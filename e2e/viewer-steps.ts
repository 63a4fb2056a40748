import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** The <video>'s currentTime, or -1 while the page has no video element. */
export const videoTime = (page: Page): Promise<number> => page.evaluate(() => document.querySelector('video')?.currentTime ?? -1);

/** Signs in through the hydrated sign-in page, as a viewer would (demo accounts share a password). */
export async function signIn(page: Page, email: string): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('stride-demo-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Waits for the stream to load and autoplay to be tried, presses Play if it was refused. */
export async function ensurePlaying(player: Locator): Promise<void> {
  await expect(player).toHaveAttribute('data-status', /^(playing|paused)$/, { timeout: 15_000 });
  const play = player.getByRole('button', { name: /^Play\b/ });
  if (await play.isVisible()) await play.click();
  await expect(player.getByRole('button', { name: /^Pause\b/ })).toBeVisible();
}
