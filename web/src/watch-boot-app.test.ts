// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { startApp } from './watch-boot-app';

const pageWith = (attributes: string): Document => {
  const doc = document.implementation.createHTMLDocument('Player');
  // The boot's tag as the build writes it, but inert here (happy-dom does not load scripts).
  doc.head.innerHTML = `<script type="text/plain" ${attributes}></script>`;
  return doc;
};

describe("the /watch boot script's start of the app", () => {
  it('preloads the chunks the build named, then imports the entry', () => {
    const doc = pageWith('data-app-entry="/assets/index-0.js" data-app-preloads="/assets/framework-1.js /assets/store-2.js"');
    const load = vi.fn(() => Promise.resolve());
    startApp(doc, load);
    expect([...doc.querySelectorAll('link[rel="modulepreload"]')].map((l) => l.getAttribute('href'))).toEqual([
      '/assets/framework-1.js',
      '/assets/store-2.js',
    ]);
    expect(load).toHaveBeenCalledWith('/assets/index-0.js');
  });

  it('loads nothing the page does not name as one of its own assets', () => {
    const load = vi.fn(() => Promise.resolve());
    startApp(pageWith(''), load);
    startApp(pageWith('data-app-entry="https://evil.example/x.js" data-app-preloads="//evil.example/y.js"'), load);
    expect(load).not.toHaveBeenCalled();
  });

  it('says so when the app fails to load, leaving the prerendered page', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    startApp(pageWith('data-app-entry="/assets/index-0.js"'), () => Promise.reject(new Error('offline')));
    await vi.waitFor(() => expect(error).toHaveBeenCalledWith('Stride: the app did not load', expect.any(Error)));
    error.mockRestore();
  });
});
