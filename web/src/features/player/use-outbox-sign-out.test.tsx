// @vitest-environment happy-dom
import { act } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pageOutbox } from '../../shared/outbox';
import { installFakeApi } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { playingState } from './test-states';
import { useOutboxSignOut } from './use-outbox-sign-out';

function OutboxSignOut() {
  useOutboxSignOut();
  return null;
}

describe('useOutboxSignOut', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('signs the player out when a write the outbox sent is refused with 401, and keeps the write', async () => {
    installFakeApi((call) =>
      call.method === 'PUT' ? { status: 401, body: { error: 'Sign in to keep your place in workouts' } } : undefined,
    );
    const { store } = renderWithProviders(<OutboxSignOut />, { preloadedState: playingState() });
    act(() => pageOutbox().add({ kind: 'progress', workoutId: 'w-1', positionSec: 30, durationSec: 600, savedAt: Date.now() }));
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(store.getState().player?.sessionLost).toBe(true);
    expect(pageOutbox().entries()).toMatchObject([{ key: 'progress:w-1', held: true }]);
  });
});
