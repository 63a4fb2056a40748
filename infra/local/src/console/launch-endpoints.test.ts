import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../testing/harness';

let t: TestStack;
beforeAll(async () => {
  t = await startTestStack({}, { edge: false });
}, 60_000);
afterAll(() => t?.stop());

const post = (body: unknown, type = 'application/json') =>
  t.console('/api/previews', {
    method: 'POST',
    headers: { 'content-type': type },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

describe("the console's POST /api/previews (what the launch CLI's preview asks)", () => {
  it('signs a preview with the stack session key, as the edge and the API verify it', async () => {
    const response = await post({ program: 'winter-warmup', asOf: '2026-12-24T06:00:00Z', expiresAt: inMinutes(60) });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { token: string; program: string; asOf: string };
    expect(body).toMatchObject({ program: 'winter-warmup', asOf: '2026-12-24T06:00:00.000Z' });
    expect(await t.stack.previews.verify(body.token, new Date())).toMatchObject({
      program: 'winter-warmup',
      asOfMs: Date.parse('2026-12-24T06:00:00Z'),
    });
  });

  it.each([
    [{ asOf: '2026-12-24T06:00:00Z', expiresAt: 'in an hour' }, /^program: must be a program slug/],
    [{ program: 'Winter Warmup', asOf: '2026-12-24T06:00:00Z', expiresAt: 'x' }, /^program: must be a program slug/],
    [{ program: 'winter-warmup', asOf: 'Christmas', expiresAt: 'x' }, /^asOf: must be an ISO 8601 instant/],
    [{ program: 'winter-warmup', asOf: '2026-12-24T06:00:00Z', expiresAt: '2020-01-01T00:00:00Z' }, /^expiresAt: must be in the future/],
    [
      { program: 'winter-warmup', asOf: '2026-12-24T06:00:00Z', expiresAt: '2099-01-01T00:00:00Z' },
      /^expiresAt: must be at most a week away/,
    ],
    [{ program: 'winter-warmup', asOf: '2026-12-24T06:00:00Z', expiresAt: '2099-01-01T00:00:00Z', admin: true }, /admin/],
  ])('%j → 400 naming the field', async (body, reason) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(reason);
  });

  it('answers anything but a JSON POST with what to send', async () => {
    expect((await t.console('/api/previews')).status).toBe(405);
    expect((await post('program=x', 'application/x-www-form-urlencoded')).status).toBe(415);
  });
});

describe("the console's GET /api/calendar (the calendar npm run launch -- list prints)", () => {
  it('shows what viewers see: before the first publish, the program files; scheduled soonest first, live newest first', async () => {
    const response = await t.console('/api/calendar');
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      source: string;
      changedSinceLive: unknown;
      calendar: { scheduled: { slug: string; launchAt: string; inWords: string }[]; live: { slug: string; countries: unknown }[] };
    };
    expect(body.source).toMatch(/^the program files in .*web\/content\/programs \(nothing published yet\)$/);
    expect(body.changedSinceLive).toBeNull();
    const cycling = body.calendar.scheduled.find((p) => p.slug === 'indoor-cycling-endurance');
    expect(cycling).toMatchObject({ launchAt: '2027-02-01T06:00:00Z' });
    expect(cycling?.inWords).toMatch(/^in \d+ days$/);
    expect(body.calendar.live.find((p) => p.slug === 'run-club-5k')?.countries).toEqual(expect.arrayContaining(['US']));
    const launches = body.calendar.live.map((p) => p.slug);
    expect(launches.length).toBeGreaterThan(3);
  });
});
