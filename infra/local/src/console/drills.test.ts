import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localPaths } from '../paths';
import { startTestStack, waitFor, type TestStack } from '../testing/harness';

let t: TestStack;
beforeAll(async () => {
  const media = path.join(localPaths.repoRoot, 'web', 'media');
  t = await startTestStack({
    healthCheck: { intervalMs: 1_000, failureThreshold: 1, checkers: 3, timeoutMs: 2_000 },
    dnsTtlSeconds: 2,
    mediaDir: media,
    mediaReplicaDir: media,
    now: Date.now,
  });
});
afterAll(async () => {
  await t?.stop();
});

const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
interface Drills {
  scenarios: { name: string }[];
  running: { id: string } | null;
  past: { id: string; scenario: string; verdict: string }[];
}
const drills = async () => (await (await t.console('/api/drills')).json()) as Drills;

describe('the console’s Drills page and API', () => {
  it('serves the page and lists the scenarios', async () => {
    const page = await t.console('/drills');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<h1>Stride drills</h1>');
    expect((await t.console('/assets/uplot.js')).status).toBe(200);
    expect((await drills()).scenarios.map((s) => s.name)).toContain('region-kill');
  });

  it('refuses an unknown scenario (400) and a drill while a fault is in place (409, with the preflight’s reasons)', async () => {
    const unknown = await t.console('/api/drills', post({ scenario: 'region-nap' }));
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toContain('No scenario "region-nap"');
    await t.console('/api/origins/stride-site-primary', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ available: false }),
    });
    try {
      const refused = await t.console('/api/drills', post({ scenario: 'region-kill' }));
      expect(refused.status).toBe(409);
      expect(await refused.json()).toEqual({
        error: 'Preflight refused the drill',
        reasons: ['something is already injected: bucket stride-site-primary taken away; undo it in the console first'],
      });
    } finally {
      await t.console('/api/origins/stride-site-primary', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ available: true }),
      });
    }
  });

  it('starts a drill, stops it from the console, and lists its record with the report', async () => {
    const started = await t.console('/api/drills', post({ scenario: 'region-kill', viewers: 1, playSec: 4 }));
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    expect((await drills()).running?.id).toBe(id);
    expect((await t.console('/api/drills', post({ scenario: 'failback' }))).status).toBe(409);
    const stop = await t.console('/api/drills/current', { method: 'DELETE' });
    expect(stop.status).toBe(200);
    await waitFor(async () => (await drills()).running === null, 'the drill to end', 20_000, 100);
    expect((await drills()).past[0]).toMatchObject({ id, scenario: 'region-kill', verdict: 'deviated' });
    const journal = (await (await t.console(`/api/drills/${id}/journal.json`)).json()) as { method: { stoppedEarly: string } };
    expect(journal.method.stoppedEarly).toBe('interrupted (stopped from the console)');
    const report = await t.console(`/api/drills/${id}/report.html`);
    expect(report.headers.get('content-type')).toContain('text/html');
    expect(await report.text()).toContain('Drill: region-kill');
    expect((await t.console('/api/drills/..%2F..%2Fetc/report.html')).status).toBe(404);
    expect((await t.console('/api/drills/current', { method: 'DELETE' })).status).toBe(404);
  });
});
