// @vitest-environment happy-dom
import { waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { installFakeApi } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { useResumePoint } from './use-resume-point';

function ResumeAt() {
  const { known, atSec } = useResumePoint('w-1');
  return <output>{known ? `resume at ${atSec}` : 'asking'}</output>;
}

/** What an earlier page left in the outbox: a position no region acknowledged (an outage, a closed tab). */
const leavePending = (positionSec: number, savedAt: number) =>
  localStorage.setItem(
    'stride.outbox.v1',
    JSON.stringify([
      {
        key: 'progress:w-1',
        write: { kind: 'progress', workoutId: 'w-1', positionSec, durationSec: 600, savedAt },
        queuedAt: savedAt,
        attempts: 3,
        nextTryAt: savedAt + 60_000,
        held: false,
      },
    ]),
  );

describe('useResumePoint', () => {
  const answered = (positionSec: number, updatedAt: string) =>
    installFakeApi((call) =>
      call.method === 'GET' && call.path === '/api/progress?workout=w-1'
        ? { status: 200, body: { workoutId: 'w-1', positionSec, durationSec: 600, updatedAt } }
        : { status: 503 },
    );

  it("asks the origin group's read form, and resumes at the API's position", async () => {
    const api = answered(120, '2026-12-05T10:00:00.000Z');
    const view = renderWithProviders(<ResumeAt />);
    await waitFor(() => expect(view.getByRole('status').textContent).toBe('resume at 120'));
    expect(api.callsTo('GET', '/api/progress?workout=w-1')).toHaveLength(1);
  });

  it('prefers a position still waiting in the outbox that was read after the one the API has', async () => {
    leavePending(300, Date.parse('2026-12-05T10:01:00.000Z'));
    answered(120, '2026-12-05T10:00:00.000Z');
    const view = renderWithProviders(<ResumeAt />);
    await waitFor(() => expect(view.getByRole('status').textContent).toBe('resume at 300'));
  });

  it("keeps the API's position when it was saved after the waiting one was read", async () => {
    leavePending(300, Date.parse('2026-12-05T10:01:00.000Z'));
    answered(420, '2026-12-05T10:02:00.000Z');
    const view = renderWithProviders(<ResumeAt />);
    await waitFor(() => expect(view.getByRole('status').textContent).toBe('resume at 420'));
  });
});
