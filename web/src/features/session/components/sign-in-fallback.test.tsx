// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { installFakeApi } from '../../../test/fake-api';
import { renderWithProviders } from '../../../test/render';
import { LoginForm } from './LoginForm';

const user = { id: 'u-1', email: 'viewer@example.com', name: 'Viewer', subscription: { status: 'active' } };

describe('signing in while the default path fails', () => {
  it("sends the sign-in again to the secondary's pinned path, and the viewer is in", async () => {
    const api = installFakeApi((call) => {
      if (call.path === '/api/auth/login') return { status: 500, body: { message: 'Internal Server Error' } };
      if (call.path === '/api/region/secondary/auth/login') return { status: 200, body: { user } };
      return undefined;
    });
    const view = renderWithProviders(<LoginForm />, { route: '/login' });
    await view.user.type(screen.getByLabelText('Email'), 'viewer@example.com');
    await view.user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await view.user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(view.router.state.location.pathname).toBe('/'));
    expect(api.calls.filter((call) => call.path.endsWith('/auth/login')).map((call) => call.path)).toEqual([
      '/api/auth/login',
      '/api/region/secondary/auth/login',
    ]);
    expect(screen.getByRole('alert').textContent).toBe('');
  });

  it('does not send a sign-up twice: it creates the account', async () => {
    // The rule, at the level the join form uses it: an unmarked POST goes once.
    const api = installFakeApi((call) => (call.path.endsWith('/auth/signup') ? { status: 500 } : undefined));
    const { store } = renderWithProviders(<LoginForm />, { route: '/login' });
    const { sessionApi } = await import('../sessionApi');
    await store.dispatch(sessionApi.endpoints.signup.initiate({ name: 'V', email: 'v@example.com', password: 'correct horse battery' }));
    expect(api.calls.map((call) => call.path)).toEqual(['/api/auth/signup']);
  });
});
