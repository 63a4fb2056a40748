import { describe, expect, it } from 'vitest';
import { buildRouteManifest, statusObjects, type ManifestInput, type ManifestPageInput } from './build-route-manifest';
import { assertRouteManifest } from './route-manifest';

const page = (route: string, objectKey: string, extra: Partial<ManifestPageInput> = {}): ManifestPageInput => ({
  route,
  objectKey,
  role: 'page',
  device: 'web',
  ...extra,
});

const input: ManifestInput = {
  pages: [
    page('/', 'index.html'),
    page('/programs/hiit-30', 'programs/hiit-30/index.html'),
    page('/programs/hiit-30', 'programs/hiit-30/coming-soon/index.html', { role: 'coming-soon' }),
    page('/programs/hiit-30', 'tv/programs/hiit-30/index.html', { device: 'tv' }),
    page('/watch/:id', 'watch/index.html'),
    page('/account', 'account/index.html'),
    page('/login', 'login/index.html'),
    page('', '404.html', { role: 'not-found' }),
    page('', '451.html', { role: 'unavailable' }),
  ],
  programs: [
    { path: '/programs/hiit-30', launchAt: '2026-01-05T06:00:00Z', countries: ['US', 'GB'], dataObjectKey: 'data/programs/hiit-30.json' },
  ],
  redirects: [{ from: '/go/hiit', to: '/programs/hiit-30' }],
};

describe('buildRouteManifest', () => {
  const manifest = buildRouteManifest(input);

  it('maps pages to objects, marks protected paths by edge policy, and adds TV variants found', () => {
    expect(manifest.version).toBe(2);
    expect(manifest.routes).toEqual([
      { path: '/', object: '/index.html', access: 'public' },
      { path: '/programs/hiit-30', object: '/programs/hiit-30/index.html', tvObject: '/tv/programs/hiit-30/index.html', access: 'public' },
      { path: '/account', object: '/account/index.html', access: 'session' },
      { path: '/login', object: '/login/index.html', access: 'public' },
    ]);
    expect(manifest.patterns).toEqual([{ pattern: '/watch/:id', object: '/watch/index.html', access: 'session' }]);
  });

  it('carries launch, licensing and coming-soon objects per program, and the redirects', () => {
    expect(manifest.programs).toEqual([
      {
        path: '/programs/hiit-30',
        launchAt: '2026-01-05T06:00:00Z',
        comingSoonObject: '/programs/hiit-30/coming-soon/index.html',
        countries: ['US', 'GB'],
        dataObject: '/data/programs/hiit-30.json',
      },
    ]);
    expect(manifest.redirects).toEqual([{ from: '/go/hiit', to: '/programs/hiit-30', status: 302 }]);
  });

  it('names the status objects origin-response serves with 404 and 451', () => {
    expect(manifest.notFound).toBe('/404.html');
    expect(manifest.unavailable).toBe('/451.html');
    expect(statusObjects(manifest)).toEqual({ '/404.html': 404, '/451.html': 451 });
  });

  it('refuses a program without a coming-soon page', () => {
    expect(() => buildRouteManifest({ ...input, pages: input.pages.filter((p) => p.role !== 'coming-soon') }, 'm.json')).toThrow(
      'm.json: program /programs/hiit-30 has no "coming-soon" page',
    );
  });

  it('refuses a page list without a 404 or 451 page', () => {
    expect(() => buildRouteManifest({ ...input, pages: input.pages.filter((p) => p.role !== 'not-found') })).toThrow(/no "not-found" page/);
    expect(() => buildRouteManifest({ ...input, pages: input.pages.filter((p) => p.role !== 'unavailable') })).toThrow(/451/);
  });

  it('refuses a redirect to a page that does not exist', () => {
    expect(() => buildRouteManifest({ ...input, redirects: [{ from: '/go/x', to: '/programs/nope' }] })).toThrow(/redirects\.0\.to/);
  });
});

describe('assertRouteManifest', () => {
  const good = buildRouteManifest(input);
  const broken = (change: Record<string, unknown>) => () => assertRouteManifest({ ...good, ...change }, 'route-manifest.json');

  it('accepts what the builder makes', () => {
    expect(() => assertRouteManifest(JSON.parse(JSON.stringify(good)), 'x')).not.toThrow();
  });

  it('names the file and field of each problem', () => {
    expect(broken({ version: 1 })).toThrow('route-manifest.json: version: expected 2, got 1 (rebuild the web app)');
    expect(broken({ notFound: 'x' })).toThrow(/route-manifest\.json: notFound: expected an object key/);
    expect(broken({ routes: [{ path: '/Programs/', object: '/x.html', access: 'public' }] })).toThrow(
      /routes\.0\.path: expected a canonical path/,
    );
    expect(broken({ routes: [{ path: '/x', object: '/../x.html', access: 'public' }] })).toThrow(/routes\.0\.object/);
    expect(broken({ routes: [{ path: '/x', object: '/x.html', access: 'open' }] })).toThrow(/routes\.0\.access/);
    expect(broken({ patterns: [{ pattern: '/watch/*', object: '/w.html', access: 'session' }] })).toThrow(/patterns\.0\.pattern/);
    expect(broken({ programs: [{ ...good.programs[0], launchAt: 'soon' }] })).toThrow(/programs\.0\.launchAt/);
    expect(broken({ programs: [{ ...good.programs[0], countries: ['usa'] }] })).toThrow(/programs\.0\.countries/);
    expect(broken({ redirects: [{ from: '/go/x', to: 'https://evil.example', status: 302 }] })).toThrow(/redirects\.0\.to/);
    expect(broken({ redirects: [{ from: '/', to: '/login', status: 302 }] })).toThrow(/redirects\.0\.from: "\/" is also a page/);
  });
});
