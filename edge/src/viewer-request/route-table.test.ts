import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testManifest } from './fixtures/manifest';
import { compileRoutes, matchPath } from './route-table';

/** The pattern rule read plainly, segment array against segment array: what matchPath must agree with. */
function patternByArrays(path: string, pattern: string): string | undefined {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  const want = pattern.split('/').slice(1);
  const got = trimmed.split('/').slice(1);
  if (want.length !== got.length) return undefined;
  const canonical: string[] = [];
  for (const [i, w] of want.entries()) {
    const g = got[i] ?? '';
    if (w.startsWith(':')) {
      if (g.length === 0) return undefined;
      canonical.push(g);
    } else {
      if (g.toLowerCase() !== w) return undefined;
      canonical.push(w);
    }
  }
  return `/${canonical.join('/')}`;
}

describe('matchPath', () => {
  const manifest = {
    ...testManifest,
    patterns: [
      ...testManifest.patterns,
      { pattern: '/programs/:slug/workouts/:id', object: '/workout/index.html', access: 'public' as const },
    ],
  };
  const table = compileRoutes(manifest);

  it('matches patterns exactly as the segment-by-segment reading does, for any path', () => {
    const segment = fc.oneof(
      fc.constantFrom('watch', 'WATCH', 'programs', 'Workouts', 'workouts', 'İ', 'K', ''),
      fc.string({ maxLength: 6 }),
    );
    const path = fc
      .array(segment, { maxLength: 5 })
      .chain((segments) => fc.constantFrom(`/${segments.join('/')}`, `/${segments.join('/')}/`));
    fc.assert(
      fc.property(path, (p) => {
        const match = matchPath(p, table);
        if (match.kind === 'route' || match.kind === 'redirect') return;
        const expected = manifest.patterns.map((x) => patternByArrays(p, x.pattern)).find((c) => c !== undefined);
        expect(match.kind === 'pattern' ? match.canonical : undefined).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a parameter as written and fixes the case of literals', () => {
    expect(matchPath('/Programs/HIIT/WORKOUTS/w-1/', table)).toMatchObject({ kind: 'pattern', canonical: '/programs/HIIT/workouts/w-1' });
    expect(matchPath('/watch/', table)).toEqual({ kind: 'none' });
    expect(matchPath('/watch/a/b', table)).toEqual({ kind: 'none' });
  });
});
