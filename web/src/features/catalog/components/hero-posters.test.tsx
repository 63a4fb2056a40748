import { configureStore } from '@reduxjs/toolkit';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { Provider } from 'react-redux';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { catalogSlice, catalogStateFor } from '../catalogSlice';
import { testProgram } from '../program.fixture';
import { FeaturedProgram } from './FeaturedProgram';
import { ProgramDetail } from './ProgramDetail';
import { ProgramList } from './ProgramList';

const catalog = [testProgram('hiit-30', { featured: true }), testProgram('morning-yoga'), testProgram('run-club')];

/** Server-renders `element` with the catalog in the store, as the prerender does. */
function prerender(element: ReactNode, detailSlugs: string[] = []): string {
  const store = configureStore({
    reducer: { catalog: catalogSlice.reducer },
    preloadedState: {
      catalog: catalogStateFor(catalog, { listsCatalog: true, detailSlugs, summarySlugs: [] }, '2026-11-22T06:00:00.000Z'),
    },
  });
  const router = createMemoryRouter([{ path: '*', element }], { initialEntries: ['/'] });
  return renderToString(
    <Provider store={store}>
      <RouterProvider router={router} />
    </Provider>,
  );
}

const imgTags = (html: string) => html.match(/<img [^>]*>/g) ?? [];

// Issue 17: a page's largest contentful paint is its hero poster; it must be in the HTML, eager,
// high priority, and preloaded by React ahead of the markup (the template hoists that into <head>).
describe('hero posters (largest contentful paint)', () => {
  it("home: the featured program's poster is eager, high priority, decorative, and preloaded first", () => {
    const html = prerender(<FeaturedProgram />);
    const [img, ...others] = imgTags(html);
    expect(others).toHaveLength(0);
    expect(img).toContain('src="/posters/hiit-30.svg"');
    expect(img).toContain('fetchPriority="high"');
    expect(img).toContain('alt=""');
    expect(img).toContain('width="640"');
    expect(img).toContain('height="360"');
    expect(img).not.toContain('loading="lazy"');
    expect(html.startsWith('<link rel="preload" as="image" href="/posters/hiit-30.svg" fetchPriority="high"/>')).toBe(true);
  });

  it("a program page: the program's poster is high priority, named, and preloaded first", () => {
    const html = prerender(<ProgramDetail slug="hiit-30" notFound={null} onUnavailable={() => undefined} />, ['hiit-30']);
    const [img] = imgTags(html);
    expect(img).toContain('fetchPriority="high"');
    expect(img).toContain('alt="hiit-30"');
    expect(html.startsWith('<link rel="preload" as="image" href="/posters/hiit-30.svg" fetchPriority="high"/>')).toBe(true);
  });

  it('the program grids stay lazy: no preloads, no high priority', () => {
    const html = prerender(<ProgramList />);
    expect(imgTags(html).length).toBe(3);
    for (const img of imgTags(html)) {
      expect(img).toContain('loading="lazy"');
      expect(img).not.toContain('fetchPriority');
    }
    expect(html).not.toContain('rel="preload"');
  });
});
