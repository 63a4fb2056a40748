import { configureStore } from '@reduxjs/toolkit';
import { renderToString } from 'react-dom/server';
import { Provider } from 'react-redux';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { strideApi } from '../../../shared/api/strideApi';
import { initialSessionState, sessionSlice, type SessionState } from '../sessionSlice';
import { AccountPanel } from './AccountPanel';
import { LoginForm } from './LoginForm';

// Server rendering is what the prerender does with these components, and needs no DOM.
function render(element: React.ReactElement, session: SessionState = initialSessionState): string {
  const store = configureStore({
    reducer: { session: sessionSlice.reducer, [strideApi.reducerPath]: strideApi.reducer },
    preloadedState: { session },
    middleware: (gdm) => gdm().concat(strideApi.middleware),
  });
  const router = createMemoryRouter([{ path: '*', element }], { initialEntries: ['/login?next=%2Fwatch%2Fw-1'] });
  return renderToString(
    <Provider store={store}>
      <RouterProvider router={router} />
    </Provider>,
  );
}

describe('LoginForm (server-rendered)', () => {
  const html = render(<LoginForm />);
  it('labels both fields and wires the labels to the inputs', () => {
    const email = /<label for="([^"]+)">Email<\/label><input[^>]*id="([^"]+)"[^>]*type="email"/.exec(html);
    expect(email?.[1]).toBe(email?.[2]);
    const password = /<label for="([^"]+)">Password<\/label><input[^>]*id="([^"]+)"[^>]*type="password"/.exec(html);
    expect(password?.[1]).toBe(password?.[2]);
    expect(html).toMatch(/type="password" autoComplete="current-password"/i);
  });
  it('has an alert region for errors and a submit button', () => {
    expect(html).toMatch(/role="alert"/);
    expect(html).toMatch(/<button type="submit"[^>]*>Sign in<\/button>/);
  });
  it('renders nothing from the query string, so prerendered and hydrated HTML match', () => {
    expect(html).not.toContain('w-1');
  });
});

describe('AccountPanel (server-rendered)', () => {
  it('shows a neutral checking state before /api/me answers', () => {
    expect(render(<AccountPanel />)).toMatch(/aria-busy="true"[^>]*>.*Checking your account/s);
  });
  it('shows subscription state and a sign-out button when signed in', () => {
    const html = render(<AccountPanel />, {
      status: 'signed-in',
      user: { id: 'u', email: 'free@stride.test', name: 'Free', subscription: { status: 'none' } },
      signedOutReason: null,
    });
    expect(html).toContain('free@stride.test');
    expect(html).toMatch(/data-subscription="none"[^>]*>No subscription/);
    expect(html).toMatch(/<button[^>]*>Sign out<\/button>/);
  });
  it('offers sign-in with a way back when the session expired', () => {
    const html = render(<AccountPanel />, { status: 'signed-out', user: null, signedOutReason: 'expired' });
    expect(html).toContain('Your session has expired');
    expect(html).toContain('href="/login?next=%2Faccount"');
  });
});
