import type { CloudFrontRequestResult } from 'aws-lambda';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { needsSession } from '@stride/contract/entitlement';
import { viewerRequestEvent } from './fixtures/events';
import { testManifest } from './fixtures/manifest';
import { headerOf, isResponse, makeHarness, type Harness } from './fixtures/harness';
import { COOKIE, hs256WithPublicKey, tamperPayload, unsignedToken } from './fixtures/tokens';
import { isSameSiteLocation } from './responses';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});

const PROTECTED_OBJECTS = new Set([
  ...testManifest.routes.filter((r) => r.access === 'session').map((r) => r.object),
  ...testManifest.patterns.map((p) => p.object),
]);

// Path segments mixing real routes, case variants, traversal in every encoding, and noise.
const segment = fc.oneof(
  fc.constantFrom(
    'watch',
    'WATCH',
    'Watch',
    'account',
    'ACCOUNT',
    'programs',
    'hiit-30',
    'go',
    'hiit',
    'api',
    'media',
    'assets',
    'login',
    'w-1',
  ),
  fc.constantFrom(
    '..',
    '.',
    '%2e%2e',
    '%2E.',
    '%252e%252e',
    '%2f',
    '%5c',
    '\\',
    '%00',
    '%0d%0a',
    '',
    '%',
    '%zz',
    '%E0%A4',
    'index.html',
    'https:',
    'evil.example',
  ),
  fc.webSegment(),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
const uri = fc.oneof(
  fc.array(segment, { maxLength: 6 }).map((segments) => `/${segments.join('/')}`),
  fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`)),
  fc.string({ maxLength: 40 }),
);
const querystring = fc.oneof(
  fc.constant(''),
  fc.webQueryParameters(),
  fc.string({ maxLength: 40 }),
  fc.constantFrom('device=tv', 'device=web', 'device=x', 'next=//evil.example', 'a=%0d%0a'),
);
const userAgent = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('Roku/DVP-9.10', 'Mozilla/5.0 (SMART-TV; Tizen 6.0)', 'curl/8.0'));
const country = fc.oneof(fc.constantFrom('US', 'DE', 'GB', 'us', ''), fc.string({ maxLength: 4 }));

/** Cookie headers that never hold a valid session: garbage, forgeries, and a valid token twice. */
const badCookies = (valid: string) =>
  fc.array(
    fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.string({ maxLength: 200 }).map((v) => `${COOKIE}=${v}`),
      fc.constant(`${COOKIE}=${unsignedToken({ sub: 'x', exp: 4102444800 })}`),
      fc.constant(`${COOKIE}=${tamperPayload(valid, { sub: 'admin' })}`),
      fc.constant(`${COOKIE}=${valid}; ${COOKIE}=${valid}`),
      fc.constant(`${COOKIE}=${valid.slice(0, -5)}`),
      fc.constantFrom('stride_device=tv', 'stride_device=web', 'stride_device=x'),
    ),
    { maxLength: 3 },
  );

interface Case {
  readonly uri: string;
  readonly querystring: string;
  readonly ua: string;
  readonly country: string;
  readonly cookies: string[];
}

const run = (c: Case): Promise<CloudFrontRequestResult> =>
  h.handler(
    viewerRequestEvent(c.uri, c.querystring, { 'User-Agent': c.ua, 'CloudFront-Viewer-Country': c.country }, { cookies: c.cookies }),
  );

const caseArb = () => fc.record({ uri, querystring, ua: userAgent, country, cookies: badCookies(h.validToken) });

describe('viewer-request properties (fast-check)', () => {
  it('never throws, and answers either a forwarded request for an object key or a response with a status', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb(), async (c) => {
        const result = await run(c);
        if (isResponse(result)) expect(Number(result.status)).toBeGreaterThanOrEqual(300);
        else expect(result?.uri.startsWith('/')).toBe(true);
      }),
      { numRuns: 600 },
    );
    expect(h.logged).toEqual([]);
  });

  it('an unauthenticated request never gets a protected object', async () => {
    const protectedUri = fc
      .tuple(
        fc.constantFrom('/watch', '/WATCH', '/account', '/Account', '/%77atch', '/watch/', '//account'),
        fc.array(segment, { maxLength: 3 }),
      )
      .map(([prefix, rest]) => [prefix, ...rest].join('/'));
    await fc.assert(
      fc.asyncProperty(
        fc.record({ uri: fc.oneof(protectedUri, uri), querystring, ua: userAgent, country, cookies: badCookies(h.validToken) }),
        async (c) => {
          const result = await run(c);
          if (isResponse(result)) return;
          const forwarded = result?.uri ?? '';
          expect(PROTECTED_OBJECTS.has(forwarded), `${c.uri} → ${forwarded}`).toBe(false);
          expect(needsSession(decodeURIComponent(forwarded)), `${c.uri} → ${forwarded}`).toBe(false);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('every Location it emits is same-site, and so is every login next', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb(), async (c) => {
        const result = await run(c);
        if (!isResponse(result)) return;
        const location = headerOf(result, 'location');
        if (location === undefined) return;
        expect(isSameSiteLocation(location), location).toBe(true);
        if (location.startsWith('/login?next=')) {
          const next = decodeURIComponent(location.slice('/login?next='.length));
          expect(isSameSiteLocation(next), next).toBe(true);
        }
      }),
      { numRuns: 600 },
    );
  });

  it('a canonical 301 is never followed by another 301 (no loops)', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb(), async (c) => {
        const first = await run(c);
        if (!isResponse(first) || first.status !== '301') return;
        const location = headerOf(first, 'location') ?? '';
        const q = location.indexOf('?');
        const second = await run({
          ...c,
          uri: q === -1 ? location : location.slice(0, q),
          querystring: q === -1 ? '' : location.slice(q + 1),
        });
        expect(isResponse(second) ? second.status : 'forwarded', location).not.toBe('301');
      }),
      { numRuns: 600 },
    );
  });

  it('forged HS256 tokens never open a protected page, whatever the path', async () => {
    const forged = hs256WithPublicKey({ sub: 'x', iss: 'https://stride.local/auth', aud: 'stride-viewer', exp: 4102444800 }, h.key);
    await fc.assert(
      fc.asyncProperty(fc.webSegment(), async (id) => {
        const result = await h.handler(viewerRequestEvent(`/watch/${id || 'x'}`, '', {}, { cookies: [`${COOKIE}=${forged}`] }));
        expect(isResponse(result)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
