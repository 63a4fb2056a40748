// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import { useLayoutEffect } from 'react';
import { useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { placeAt } from '../../test/layout';
import { renderWithProviders, type RenderWithProvidersResult } from '../../test/render';
import type { DpadOptions } from './dpad';
import { useDpad } from './use-dpad';

const NAVIGATION: DpadOptions = { content: '#main', primary: ['[data-tv-primary]', '.card'] };

/**
 * A TV page: a header link above a 2 × 3 grid of cards (B marked primary), a search field under
 * the grid, and a strip that runs its own arrows. Laid out as the TV stylesheet would.
 */
function TvPage() {
  useDpad(true, useLocation().pathname, NAVIGATION);
  useLayoutEffect(() => {
    const at = (name: string, left: number, top: number, width = 120, height = 80) =>
      placeAt(screen.getByRole(name === 'Search' ? 'textbox' : 'link', { name }), { left, top, width, height });
    at('Your account', 0, 0, 100, 40);
    ['A', 'B', 'C'].forEach((name, col) => at(name, col * 150, 100));
    ['D', 'E', 'F'].forEach((name, col) => at(name, col * 150, 200));
    at('Search', 0, 300, 420, 40);
    placeAt(screen.getByRole('button', { name: 'Own arrows' }), { left: 0, top: 360, width: 100, height: 40 });
  }, []);
  return (
    <div>
      <header>
        <a href="/account">Your account</a>
      </header>
      <main id="main" tabIndex={-1}>
        {['A', 'B', 'C', 'D', 'E', 'F'].map((name) => (
          <a key={name} href={`/programs/${name}`} className="card" {...(name === 'B' ? { 'data-tv-primary': '' } : {})}>
            {name}
          </a>
        ))}
        <input type="text" aria-label="Search" defaultValue="yoga" />
        <div data-dpad="self">
          <button type="button">Own arrows</button>
        </div>
      </main>
    </div>
  );
}

describe('the D-pad on a TV page (useDpad)', () => {
  let view: RenderWithProvidersResult;
  const focusedName = () =>
    (document.activeElement as HTMLElement | null)?.textContent || document.activeElement?.getAttribute('aria-label');
  /** Whether the page took the last key from the browser (it moved focus) or left it (scrolling). */
  let lastKeyTaken: boolean | undefined;
  const onKey = (event: KeyboardEvent) => {
    lastKeyTaken = event.defaultPrevented;
  };

  beforeEach(async () => {
    window.addEventListener('keydown', onKey);
    view = renderWithProviders(<TvPage />, { route: '/programs' });
    // The controller loads on demand, then puts focus on the page's primary action.
    await waitFor(() => expect(focusedName()).toBe('B'));
  });
  afterEach(() => {
    window.removeEventListener('keydown', onKey);
  });

  it('starts on the page’s primary action', () => {
    expect(document.activeElement?.hasAttribute('data-tv-primary')).toBe(true);
  });

  it('moves focus to the neighbour in the direction of each arrow', async () => {
    await view.user.keyboard('{ArrowRight}');
    expect(focusedName()).toBe('C');
    await view.user.keyboard('{ArrowDown}');
    expect(focusedName()).toBe('F');
    await view.user.keyboard('{ArrowLeft}');
    expect(focusedName()).toBe('E');
    await view.user.keyboard('{ArrowLeft}');
    expect(focusedName()).toBe('D');
    await view.user.keyboard('{ArrowUp}');
    expect(focusedName()).toBe('A');
    // Out of the content, up to the header.
    await view.user.keyboard('{ArrowUp}');
    expect(focusedName()).toBe('Your account');
    expect(lastKeyTaken).toBe(true);
  });

  it('at the edge, leaves focus where it is and the key to the browser (which may scroll)', async () => {
    await view.user.keyboard('{ArrowRight}');
    await view.user.keyboard('{ArrowRight}');
    expect(focusedName()).toBe('C');
    expect(lastKeyTaken).toBe(false);
  });

  it('lets a text field keep Left and Right for its caret, until the caret is at that end', async () => {
    await view.user.keyboard('{ArrowDown}{ArrowDown}');
    const search = screen.getByRole('textbox', { name: 'Search' });
    expect(document.activeElement).toBe(search);
    (search as HTMLInputElement).setSelectionRange(2, 2);
    await view.user.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(search);
    // Up and Down always leave a one-line field: a remote has no Tab.
    await view.user.keyboard('{ArrowUp}');
    expect(['D', 'E', 'F']).toContain(focusedName());
  });

  it('leaves the arrows to a region that runs its own', async () => {
    const own = screen.getByRole('button', { name: 'Own arrows' });
    own.focus();
    await view.user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(own);
    expect(lastKeyTaken).toBe(false);
  });

  it('does not move again for a key a component already handled (the player’s own controls)', async () => {
    const card = screen.getByRole('link', { name: 'B' });
    card.addEventListener('keydown', (event) => event.preventDefault(), { once: true });
    await view.user.keyboard('{ArrowRight}');
    expect(focusedName()).toBe('B');
  });

  it('goes back in history with Back (Escape on a laptop)', async () => {
    const back = vi.spyOn(window.history, 'back').mockImplementation(() => undefined);
    await view.user.keyboard('{Escape}');
    expect(back).toHaveBeenCalledTimes(1);
  });
});
