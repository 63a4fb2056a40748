/** The boot script's attributes naming the app (set by scripts/watch-boot-tag.ts at build). */
export const APP_ENTRY_ATTRIBUTE = 'data-app-entry';
export const APP_PRELOADS_ATTRIBUTE = 'data-app-preloads';

/**
 * Starts the app a /watch page's boot script holds back: modulepreloads for its chunks (fetched
 * together, not one import deep at a time), then its entry. Same-origin files the build named,
 * so the CSP's script-src 'self' allows them. Nothing when the page names no app (its entry is
 * then a script of its own).
 */
export function startApp(doc: Document, load: (src: string) => Promise<unknown> = (src) => import(/* @vite-ignore */ src)): void {
  const tag = doc.querySelector<HTMLScriptElement>(`script[${APP_ENTRY_ATTRIBUTE}]`);
  const entry = tag?.getAttribute(APP_ENTRY_ATTRIBUTE);
  if (!tag || !entry?.startsWith('/assets/')) return;
  for (const href of (tag.getAttribute(APP_PRELOADS_ATTRIBUTE) ?? '').split(' ')) {
    if (!href.startsWith('/assets/')) continue;
    const link = doc.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = href;
    doc.head.append(link);
  }
  // A failed load leaves the prerendered page as it is; a reload asks again.
  void load(entry).catch((error: unknown) => console.error('Stride: the app did not load', error));
}
