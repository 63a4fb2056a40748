// @vitest-environment happy-dom
import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi } from '../../../test/fake-api';
import { renderWithProviders } from '../../../test/render';
import type { SessionUser } from '../sessionApi';
import { ActivatePanel } from './ActivatePanel';
import { DeviceSignIn } from './DeviceSignIn';
import { JoinForm } from './JoinForm';

const viewer: SessionUser = {
  id: 'u-1',
  email: 'ada@example.com',
  name: 'Ada',
  subscription: { status: 'trial', endsAt: '2026-11-29T06:00:00.000Z' },
};

afterEach(() => {
  vi.useRealTimers();
  document.cookie = 'stride_signed_in=; Max-Age=0; Path=/';
});

describe('JoinForm', () => {
  it('checks the fields first, then shows the API’s refusal under the password field', async () => {
    const api = installFakeApi((call) =>
      call.path === '/api/auth/signup'
        ? {
            status: 400,
            body: {
              error: 'password: is one of the most commonly used passwords; choose another (a few unrelated words make a strong one)',
            },
          }
        : undefined,
    );
    const { user } = renderWithProviders(<JoinForm />, { route: '/join' });
    await user.click(screen.getByRole('button', { name: 'Start free trial' }));
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText('Name'));
    expect(api.calls).toHaveLength(0);

    await user.type(screen.getByLabelText('Name'), 'Ada');
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'password123');
    await user.click(screen.getByRole('button', { name: 'Start free trial' }));
    await waitFor(() => expect(screen.getByText(/This password is one of the most commonly used passwords/)).toBeTruthy());
    const password = screen.getByLabelText('Password');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(password.getAttribute('aria-describedby')).toContain('-password-error');
    expect(api.callsTo('POST', '/api/auth/signup')[0]?.body).toEqual({ name: 'Ada', email: 'ada@example.com', password: 'password123' });
  });

  it('signs the viewer up and goes home', async () => {
    installFakeApi((call) => (call.path === '/api/auth/signup' ? { status: 201, body: { user: viewer } } : undefined));
    const { user, router, store } = renderWithProviders(
      [
        { path: '/join', element: <JoinForm /> },
        { path: '/', element: <p>Home</p> },
      ],
      { route: '/join' },
    );
    await user.type(screen.getByLabelText('Name'), 'Ada');
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'a walk in the park');
    await user.click(screen.getByRole('button', { name: 'Start free trial' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(store.getState().session).toMatchObject({ status: 'signed-in', user: viewer });
  });
});

describe('ActivatePanel', () => {
  it('signed out (no hint), offers sign-in that comes back with the code, without asking the API', async () => {
    const api = installFakeApi();
    renderWithProviders(<ActivatePanel />, { route: '/activate?code=WDJB-MJHT' });
    const link = await screen.findByRole('link', { name: 'Sign in' });
    expect(link.getAttribute('href')).toBe('/login?next=%2Factivate%3Fcode%3DWDJB-MJHT');
    expect(api.calls).toHaveLength(0);
  });

  it('signed in, takes the code from the QR link and approves the TV', async () => {
    document.cookie = 'stride_signed_in=1; Path=/';
    const api = installFakeApi((call) => {
      if (call.path === '/api/me') return { status: 200, body: { user: viewer } };
      if (call.path === '/api/device/approve') return { status: 200, body: { userCode: 'WDJB-MJHT', status: 'approved' } };
      return undefined;
    });
    const { user } = renderWithProviders(<ActivatePanel />, { route: '/activate?code=WDJB-MJHT' });
    const code = await screen.findByLabelText('Code shown on your TV');
    expect((code as HTMLInputElement).value).toBe('WDJB-MJHT');
    expect(screen.getByText('ada@example.com')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    expect((await screen.findByRole('status')).textContent).toBe('Your TV is signing in. You can put this device away.');
    expect(api.callsTo('POST', '/api/device/approve')[0]?.body).toEqual({ userCode: 'WDJB-MJHT', approve: true });
  });

  it('says why a code was refused, tied to the field', async () => {
    document.cookie = 'stride_signed_in=1; Path=/';
    installFakeApi((call) => {
      if (call.path === '/api/me') return { status: 200, body: { user: viewer } };
      if (call.path === '/api/device/approve')
        return { status: 400, body: { error: 'userCode: this code is not valid or has expired; check the code on your TV' } };
      return undefined;
    });
    const { user } = renderWithProviders(<ActivatePanel />, { route: '/activate' });
    await user.type(await screen.findByLabelText('Code shown on your TV'), 'BBBB-BBBB');
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('This code is not valid or has expired; check the code on your TV.'),
    );
    expect(screen.getByLabelText('Code shown on your TV').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('DeviceSignIn (the TV)', () => {
  const codes = {
    deviceCode: 'dc-1',
    userCode: 'WDJB-MJHT',
    verificationUri: 'https://stride.example/activate',
    verificationUriComplete: 'https://stride.example/activate?code=WDJB-MJHT',
    expiresIn: 600,
    interval: 5,
  };

  it('shows the code and address, polls every interval (slower after slow_down), then goes where it was headed', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const answers = [
      { status: 400, body: { error: 'authorization_pending' } },
      { status: 400, body: { error: 'slow_down', interval: 10 } },
      { status: 200, body: { user: { ...viewer, subscription: { status: 'active', endsAt: null } } } },
    ];
    const api = installFakeApi((call) => {
      if (call.path === '/api/device/authorize') return { status: 200, body: codes };
      if (call.path === '/api/device/token') return answers.shift();
      return undefined;
    });
    const { router } = renderWithProviders(
      [
        { path: '/login', element: <DeviceSignIn /> },
        { path: '/watch/:id', element: <p>Player</p> },
      ],
      { route: '/login?next=%2Fwatch%2Fw-1' },
    );
    expect(await screen.findByText('WDJB-MJHT')).toBeTruthy();
    expect(screen.getByText('stride.example/activate')).toBeTruthy();
    expect(screen.getByRole('img', { name: /QR code/ })).toBeTruthy();
    const polls = () => api.callsTo('POST', '/api/device/token').length;
    await act(() => vi.advanceTimersByTimeAsync(4_900));
    expect(polls()).toBe(0);
    await act(() => vi.advanceTimersByTimeAsync(200));
    expect(polls()).toBe(1);
    await act(() => vi.advanceTimersByTimeAsync(5_000));
    expect(polls()).toBe(2);
    // slow_down: the next poll waits 10 s.
    await act(() => vi.advanceTimersByTimeAsync(9_000));
    expect(polls()).toBe(2);
    await act(() => vi.advanceTimersByTimeAsync(1_100));
    expect(polls()).toBe(3);
    await waitFor(() => expect(router.state.location.pathname).toBe('/watch/w-1'));
    expect(api.callsTo('POST', '/api/device/token')[0]?.body).toEqual({ deviceCode: 'dc-1' });
  });

  it('offers a new code once the code expired', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let round = 0;
    installFakeApi((call) => {
      if (call.path === '/api/device/authorize')
        return { status: 200, body: { ...codes, userCode: (round += 1) === 1 ? 'WDJB-MJHT' : 'BCDF-GHJK' } };
      if (call.path === '/api/device/token') return { status: 400, body: { error: 'expired_token' } };
      return undefined;
    });
    const { user } = renderWithProviders(<DeviceSignIn />, { route: '/login' });
    await screen.findByText('WDJB-MJHT');
    await act(() => vi.advanceTimersByTimeAsync(5_100));
    expect((await screen.findByRole('alert')).textContent).toContain('This code has expired.');
    await user.click(screen.getByRole('button', { name: 'Get a new code' }));
    expect(await screen.findByText('BCDF-GHJK')).toBeTruthy();
  });
});
