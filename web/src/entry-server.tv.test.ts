import { beforeAll, describe, expect, it } from 'vitest';
import { buildRouteManifest } from '@stride/edge/build-route-manifest';
import type { RouteManifest } from '@stride/edge/route-manifest';
import { loadPrograms } from '../scripts/content';
import { webPaths } from '../scripts/paths';
import { pagesFor, renderPage, type PageSpec } from './entry-server';
import type { Program } from './shared/content/schema';

// The TV variants as the edge sees them: the route manifest the prerender builds from pagesFor
// must give every route, pattern, coming-soon page and status page its TV object.

let catalog: Program[];
let pages: PageSpec[];
let manifest: RouteManifest;

beforeAll(async () => {
  catalog = await loadPrograms(webPaths.contentDir);
  pages = pagesFor(catalog);
  manifest = buildRouteManifest({
    pages,
    programs: catalog.map((p) => ({ path: `/programs/${p.slug}`, launchAt: p.launchAt, countries: p.countries })),
    redirects: [],
  });
});

describe('TV pages in the route manifest', () => {
  it('gives every route and pattern a TV object under /tv/', () => {
    expect(manifest.routes.length).toBeGreaterThan(catalog.length);
    for (const route of manifest.routes) expect(route.tvObject, route.path).toBe(`/tv${route.object}`);
    expect(manifest.patterns.map((p) => [p.pattern, p.tvObject])).toEqual([['/watch/:id', '/tv/watch/index.html']]);
  });

  it('gives every program its TV coming-soon object, and the status pages theirs', () => {
    for (const program of manifest.programs) expect(program.tvComingSoonObject, program.path).toBe(`/tv${program.comingSoonObject}`);
    expect(manifest.tvNotFound).toBe('/tv/404.html');
    expect(manifest.tvUnavailable).toBe('/tv/451.html');
  });

  it('makes each TV page the twin of a web page: same path, route, role and status', () => {
    const strip = ({ objectKey: _key, device: _device, ...rest }: PageSpec) => rest;
    const web = pages.filter((p) => p.device === 'web');
    const tv = pages.filter((p) => p.device === 'tv');
    expect(tv.map((p) => p.objectKey)).toEqual(web.map((p) => `tv/${p.objectKey}`));
    expect(tv.map(strip)).toEqual(web.map(strip));
  });
});

describe('rendering a TV page', () => {
  const stateOf = (stateScript: string): Record<string, unknown> =>
    JSON.parse(/>(.*)<\/script>$/s.exec(stateScript)?.[1] ?? 'null') as Record<string, unknown>;
  const find = (objectKey: string): PageSpec => {
    const page = pages.find((p) => p.objectKey === objectKey);
    if (!page) throw new Error(`no page ${objectKey}`);
    return page;
  };

  it('renders the TV frame and carries the device in its state', async () => {
    const rendered = await renderPage(find('tv/index.html'), catalog);
    expect(rendered.html).toContain('class="tv-app" data-device="tv"');
    expect(stateOf(rendered.stateScript).device).toEqual({ kind: 'tv' });
  });

  it('leaves the web page without the frame or a device in its state', async () => {
    const rendered = await renderPage(find('index.html'), catalog);
    expect(rendered.html).not.toContain('tv-app');
    expect(stateOf(rendered.stateScript)).not.toHaveProperty('device');
  });
});
