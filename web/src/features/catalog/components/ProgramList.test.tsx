import { configureStore } from '@reduxjs/toolkit';
import { renderToString } from 'react-dom/server';
import { Provider } from 'react-redux';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { catalogSlice, catalogStateFor } from '../catalogSlice';
import { testProgram } from '../program.fixture';
import { ProgramList } from './ProgramList';

const program = (i: number) => testProgram(`p${i}`, { title: `Program ${i}` });

/** The home page's "All programs" as the prerender writes it, for a catalog of `size` programs. */
function renderHome(size: number): string {
  const catalog = Array.from({ length: size }, (_, i) => program(i));
  const store = configureStore({
    reducer: { catalog: catalogSlice.reducer },
    preloadedState: {
      catalog: catalogStateFor(catalog, { listsCatalog: true, detailSlugs: [], summarySlugs: [] }, '2026-11-22T06:00:00.000Z'),
    },
  });
  const router = createMemoryRouter([{ path: '*', element: <ProgramList /> }], { initialEntries: ['/'] });
  return renderToString(
    <Provider store={store}>
      <RouterProvider router={router} />
    </Provider>,
  );
}

describe('ProgramList (server-rendered, as on the prerendered home page)', () => {
  it('lists the first page of a large catalog and offers the rest, counted', () => {
    const html = renderHome(10_000);
    expect(html.match(/class="program-card"/g)).toHaveLength(24);
    expect(html).toContain('Program 23');
    expect(html).not.toContain('Program 24<');
    expect(html).toMatch(/Showing <!-- -->24<!-- --> of <!-- -->10,000<!-- --> programs/);
    expect(html).toContain('>Show more programs</button>');
  });

  it('lists a small catalog whole, with nothing more to show', () => {
    const html = renderHome(9);
    expect(html.match(/class="program-card"/g)).toHaveLength(9);
    expect(html).not.toContain('Show more');
  });
});
