// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { installFakeApi } from '../test/fake-api';
import { renderWithProviders } from '../test/render';
import { ContinueWatchingRow } from './progress-features';

const ITEM = {
  workoutId: 'w-hiit30-01',
  workoutTitle: 'Tabata Ignite',
  programSlug: 'hiit-30',
  programTitle: 'HIIT 30',
  poster: { src: '/posters/hiit-30.svg', width: 640, height: 360, alt: '' },
  positionSec: 120,
  durationSec: 1800,
  updatedAt: '2026-12-01T06:00:00.000Z',
};

const slot = (container: HTMLElement) => container.querySelector('.continue-watching-slot');

afterEach(() => {
  document.cookie = 'stride_signed_in=; Max-Age=0; Path=/';
});

describe('the "Continue watching" slot (its space is reserved from the first paint)', () => {
  it('is in the markup for everyone, and marked inactive when the browser has no signed-in hint', () => {
    const api = installFakeApi();
    const { container } = renderWithProviders(<ContinueWatchingRow />);
    expect(slot(container)).toHaveProperty('dataset.inactive', '');
    expect(screen.queryByRole('heading', { name: 'Continue watching' })).toBeNull();
    expect(api.calls).toEqual([]);
  });

  it('signed in: active, a loading frame first, then the row of unfinished workouts', async () => {
    document.cookie = 'stride_signed_in=1; Path=/';
    installFakeApi((call) => (call.path === '/api/progress' ? { status: 200, body: { items: [ITEM] } } : undefined));
    const { container } = renderWithProviders(<ContinueWatchingRow />);
    expect(slot(container)).toHaveProperty('dataset.active', '');
    expect(await screen.findByRole('heading', { name: 'Continue watching' })).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Tabata Ignite' })).toHaveProperty('pathname', '/watch/w-hiit30-01');
    expect(screen.getByText(/HIIT 30 · 28 min left/)).toBeTruthy();
  });

  it('signed in with nothing to continue, or a failed list: the frame stays and says so, so nothing below moves', async () => {
    document.cookie = 'stride_signed_in=1; Path=/';
    installFakeApi((call) => (call.path === '/api/progress' ? { status: 200, body: { items: [] } } : undefined));
    renderWithProviders(<ContinueWatchingRow />);
    expect(await screen.findByText(/Workouts you start show up here/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Continue watching' })).toBeTruthy();
  });

  it('a list the API cannot give: the frame says it could not be loaded', async () => {
    document.cookie = 'stride_signed_in=1; Path=/';
    installFakeApi((call) => (call.path === '/api/progress' ? { status: 400, body: { error: 'nope' } } : undefined));
    renderWithProviders(<ContinueWatchingRow />);
    expect(await screen.findByText(/could not be loaded just now/)).toBeTruthy();
  });
});
