import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { localReleaseTarget, publishRelease, rollbackRelease } from '@stride/infra/releases';
import { expect, test } from '../fixtures';

// Publishing is data, not a deploy: the running stack's edge and CDN follow a new live release
// and a rollback without a restart. Sequential: the live release is the stack's, not a worker's.
const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const built = path.join(repoRoot, 'web', 'dist', 'client');
const routing = JSON.parse(readFileSync(path.join(repoRoot, 'web', 'dist', 'route-manifest.json'), 'utf8')) as unknown;
const contentDir = path.join(repoRoot, 'web', 'content', 'programs');
const catalog = readdirSync(contentDir)
  .filter((name) => name.endsWith('.json'))
  .map((name) => ({ name, text: readFileSync(path.join(contentDir, name), 'utf8') }));

test.describe.configure({ mode: 'serial' });

test('a published release goes live at the CDN without a restart, and a rollback puts the previous one back', async ({ page, stack }) => {
  const target = await localReleaseTarget(stack.consoleUrl);
  await publishRelease(target, { dir: built, routing, catalog });

  const changed = mkdtempSync(path.join(tmpdir(), 'stride-release-e2e-'));
  try {
    cpSync(built, changed, { recursive: true });
    const pageFile = path.join(changed, 'programs', 'hiit-30', 'index.html');
    writeFileSync(pageFile, readFileSync(pageFile, 'utf8').replace('</body>', '<p>release marker</p></body>'));
    const release = await publishRelease(target, { dir: changed, routing, catalog });
    expect(release.uploaded).toEqual(['programs/hiit-30/index.html']);
    expect(release.invalidationPaths).toEqual(['/programs/hiit-30/index.html', '/programs/hiit-30/', '/programs/hiit-30']);

    // The edge re-reads the live release every 5 s; well within 10 s the page is the new release's.
    const pageText = async () => (await page.request.get('/programs/hiit-30')).text();
    await expect.poll(pageText, { timeout: 10_000 }).toContain('release marker');

    const rollback = await rollbackRelease(target);
    expect(rollback).toMatchObject({ from: release.release.id, to: release.previous });
    await expect.poll(pageText, { timeout: 10_000 }).not.toContain('release marker');
  } finally {
    rmSync(changed, { recursive: true, force: true });
  }
});
