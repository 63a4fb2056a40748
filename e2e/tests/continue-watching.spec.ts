import { expect, test } from '../fixtures';
import { signIn } from '../viewer-steps';

// Per-viewer rows that load after hydration: "Continue watching" on home and each workout's
// progress on its program page. Positions are saved through the real API (the sample streams are
// 24 s long, always "finished"; real workouts are half an hour). The viewer is an account of the
// test's own: the rows show exactly what this test saved.
test.describe('continue watching and workout progress', () => {
  test('a signed-in viewer sees where they left off, on home and on the program page', async ({ page, viewer }) => {
    await page.goto('/login?next=%2F');
    await signIn(page, viewer);
    await expect(page).toHaveURL(/\/$/);

    const save = async (workoutId: string, positionSec: number, durationSec: number) => {
      const response = await page.request.put(`/api/progress/${workoutId}`, { data: { positionSec, durationSec } });
      expect(response.status()).toBe(204);
    };
    await save('w-strength-01', 2100, 2100); // finished
    await save('w-strength-02', 600, 2040); // 24 min left

    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
    await expect(page.getByRole('link', { name: 'Your account' })).toHaveAttribute('href', '/account');
    const row = page.getByRole('region', { name: 'Continue watching' });
    const card = row.getByRole('listitem').filter({ hasText: 'Hinge Pattern' });
    await expect(card).toContainText('Strength Foundations · 24 min left');
    await expect(card.getByRole('link', { name: 'Hinge Pattern' })).toHaveAttribute('href', '/watch/w-strength-02');
    await expect(card.getByRole('progressbar', { name: 'Hinge Pattern: watched' })).toHaveAttribute('value', '600');
    await expect(row.getByText('Squat Pattern')).toHaveCount(0);

    await page.getByRole('region', { name: 'All programs' }).getByRole('link', { name: 'Strength Foundations' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Strength Foundations' })).toBeVisible();
    const workouts = page.getByRole('region', { name: 'Workouts' });
    await expect(workouts.getByRole('listitem').filter({ hasText: 'Squat Pattern' })).toContainText('Watched');
    await expect(workouts.getByRole('listitem').filter({ hasText: 'Hinge Pattern' })).toContainText('24 min left');
    await expect(workouts.getByRole('listitem').filter({ hasText: 'Push and Pull' })).not.toContainText('left');
  });

  test('signed out, neither row is asked for and the header offers sign-in back to the page', async ({ page }) => {
    const progressRequests: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/progress')) progressRequests.push(r.url());
    });
    await page.goto('/programs/strength-foundations');
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
    await expect(page.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login?next=%2Fprograms%2Fstrength-foundations');
    await page.getByRole('link', { name: 'Stride', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'All programs' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Continue watching' })).toHaveCount(0);
    expect(progressRequests).toEqual([]);
  });
});
