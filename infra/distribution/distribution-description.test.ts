import { HEALTH_CHECK_PATH, ORIGIN_VERIFY_HEADER } from '@stride/contract/origin-access';
import { describe, expect, it } from 'vitest';
import {
  API_FAILOVER_STATUS_CODES,
  API_ORIGIN_TIMEOUTS,
  FAILOVER_READ_PATH_PATTERNS,
  regionPinnedPathPattern,
} from '@stride/contract/region-routing';
import {
  API_ORIGIN_REQUEST_POLICY,
  CACHING_DISABLED,
  CLOUDFRONT_DEFAULT_ORIGIN_TIMEOUTS,
  DISTRIBUTION,
  distributionProblems,
  METHODS,
  ORIGIN_VERIFY_SECRET,
  policiesOf,
  splitBehaviors,
  withBehavior,
  type DistributionDescription,
} from './distribution-description';

/** FailoverCriteria accepts only these (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/high_availability_origin_failover.html). */
const FAILOVER_CODES = new Set([400, 403, 404, 416, 500, 502, 503, 504]);
/** CustomErrorResponse ErrorCode values CloudFormation accepts. */
const ERROR_CODES = new Set([400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504]);
/** Headers an origin request policy may not name: CloudFront refuses them (Authorization, Accept-Encoding) or sets them itself (Host). */
const NOT_IN_ORIGIN_REQUEST_POLICY = ['authorization', 'accept-encoding', 'host'];

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((m) => b.includes(m));
const api = DISTRIBUTION.behaviors.find((b) => b.pathPattern === '/api/*');

describe('the distribution description is a distribution CloudFront accepts', () => {
  it('ends with the default behavior and names each path pattern once', () => {
    expect(splitBehaviors(DISTRIBUTION).defaultBehavior.pathPattern).toBe('*');
    const patterns = DISTRIBUTION.behaviors.map((b) => b.pathPattern);
    expect(new Set(patterns).size).toBe(patterns.length);
  });

  it.each(DISTRIBUTION.behaviors.map((b) => [b.pathPattern, b] as const))(
    "%s uses one of CloudFront's method sets, caching a subset of what it allows",
    (_pattern, behavior) => {
      expect([METHODS.getHead, METHODS.getHeadOptions, METHODS.all].some((set) => same(behavior.allowedMethods, set))).toBe(true);
      expect([METHODS.getHead, METHODS.getHeadOptions].some((set) => same(behavior.cachedMethods, set))).toBe(true);
      for (const method of behavior.cachedMethods) expect(behavior.allowedMethods).toContain(method);
    },
  );

  it('fails origin groups over only on status codes FailoverCriteria accepts, and configures only error codes CloudFormation accepts', () => {
    for (const origin of Object.values(DISTRIBUTION.origins)) {
      if (origin.kind !== 'http') for (const code of origin.failoverStatusCodes) expect(FAILOVER_CODES).toContain(code);
    }
    for (const response of DISTRIBUTION.customErrorResponses) expect(ERROR_CODES).toContain(response.errorCode);
  });

  it('names no header an origin request policy cannot carry, and each policy name means one policy', () => {
    const { cache, originRequest } = policiesOf(DISTRIBUTION);
    for (const policy of originRequest)
      for (const header of policy.headers) expect(NOT_IN_ORIGIN_REQUEST_POLICY).not.toContain(header.toLowerCase());
    const names = [...cache.map((p) => p.name), ...originRequest.map((p) => p.name)];
    expect(new Set(names).size).toBe(names.length);
    // Two behaviors naming the same policy must mean the same object (one CDK construct, one local policy).
    for (const behavior of DISTRIBUTION.behaviors) expect(cache).toContain(behavior.cachePolicy);
  });
});

describe('/api/*: the API learns who is asking only from CloudFront', () => {
  it('is never cached and runs no edge function', () => {
    expect(api?.cachePolicy).toBe(CACHING_DISABLED);
    expect(api?.edgeFunctions).toEqual([]);
    expect(api?.allowedMethods).toEqual(METHODS.all);
  });

  it('forwards cookies, query strings, CloudFront-Viewer-Country and CloudFront-Viewer-Address, and not Host', () => {
    expect(api?.originRequestPolicy).toMatchObject({ cookies: 'all', queryStrings: 'all' });
    const headers = (api?.originRequestPolicy?.headers ?? []).map((h) => h.toLowerCase());
    expect(headers).toEqual(expect.arrayContaining(['cloudfront-viewer-country', 'cloudfront-viewer-address', 'content-type']));
    expect(headers).not.toContain('host');
  });

  it.each(['api', 'api-primary', 'api-secondary'] as const)(
    '%s sends the origin-verify header from the Secrets Manager secret, field current',
    (name) => {
      const origin = DISTRIBUTION.origins[name];
      expect(origin.kind).toBe('http');
      if (origin.kind !== 'http') return;
      expect(origin.customHeaders).toEqual([
        { name: ORIGIN_VERIFY_HEADER, value: { secretName: ORIGIN_VERIFY_SECRET.secretName, jsonField: 'current' } },
      ]);
      // The health checks' path is under /api/* too: it is the API that lets it through without the header.
      expect(HEALTH_CHECK_PATH.startsWith('/api/')).toBe(true);
    },
  );
});

describe('the API paths in front of /api/* (contract/src/region-routing.ts)', () => {
  const patterns = DISTRIBUTION.behaviors.map((b) => b.pathPattern);
  const pinned = [regionPinnedPathPattern('primary'), regionPinnedPathPattern('secondary')];

  it('come before /api/*, which stays on the failover name with CloudFront’s default timeouts', () => {
    const api = patterns.indexOf('/api/*');
    for (const pattern of [...FAILOVER_READ_PATH_PATTERNS, ...pinned]) expect(patterns.indexOf(pattern)).toBeLessThan(api);
    expect(DISTRIBUTION.origins.api).toMatchObject({ kind: 'http', endpoint: 'failover', timeouts: CLOUDFRONT_DEFAULT_ORIGIN_TIMEOUTS });
  });

  it.each(FAILOVER_READ_PATH_PATTERNS.map((p) => [p]))(
    '%s: the regions’ origin group (primary, then secondary, on API_FAILOVER_STATUS_CODES), GET/HEAD/OPTIONS, uncached',
    (pattern) => {
      const behavior = DISTRIBUTION.behaviors.find((b) => b.pathPattern === pattern);
      expect(behavior).toMatchObject({
        origin: 'api-regions',
        allowedMethods: METHODS.getHeadOptions,
        cachePolicy: CACHING_DISABLED,
        originRequestPolicy: API_ORIGIN_REQUEST_POLICY,
        edgeFunctions: [],
      });
      expect(DISTRIBUTION.origins['api-regions']).toEqual({
        kind: 'http-group',
        primary: 'api-primary',
        fallback: 'api-secondary',
        failoverStatusCodes: API_FAILOVER_STATUS_CODES,
      });
    },
  );

  it.each([
    ['primary', 'api-primary'],
    ['secondary', 'api-secondary'],
  ] as const)('/api/region/%s/*: that region’s own name alone, every method, with API_ORIGIN_TIMEOUTS', (role, origin) => {
    expect(DISTRIBUTION.behaviors.find((b) => b.pathPattern === regionPinnedPathPattern(role))).toMatchObject({
      origin,
      allowedMethods: METHODS.all,
      cachePolicy: CACHING_DISABLED,
      originRequestPolicy: API_ORIGIN_REQUEST_POLICY,
    });
    expect(DISTRIBUTION.origins[origin]).toMatchObject({ kind: 'http', endpoint: role, timeouts: API_ORIGIN_TIMEOUTS });
  });
});

describe('distributionProblems: what CloudFront (or a builder) would refuse, named', () => {
  it('finds none in the distribution', () => {
    expect(distributionProblems(DISTRIBUTION)).toEqual([]);
  });

  it('refuses an origin group on a behavior allowing writes', () => {
    const writable = withBehavior(DISTRIBUTION, '/api/me', (b) => ({ ...b, allowedMethods: METHODS.all }));
    expect(distributionProblems(writable)).toEqual([
      '/api/me: an origin group (api-regions) serves only behaviors allowing GET, HEAD and OPTIONS',
    ]);
  });

  it('refuses failover on 429, timeouts out of CloudFront’s ranges, and a group of non-HTTP members', () => {
    const secondary = DISTRIBUTION.origins['api-secondary'];
    if (secondary.kind !== 'http') throw new Error('api-secondary is an HTTP origin');
    const bad: DistributionDescription = {
      ...DISTRIBUTION,
      origins: {
        ...DISTRIBUTION.origins,
        'api-regions': { kind: 'http-group', primary: 'api-primary', fallback: 'api-primary', failoverStatusCodes: [429, 500] },
        'api-secondary': { ...secondary, timeouts: { connectionAttempts: 4, connectionTimeoutSeconds: 0.5, responseTimeoutSeconds: 121 } },
      },
    };
    expect(distributionProblems(bad)).toEqual([
      'origin api-secondary: connectionAttempts must be 1, 2 or 3',
      'origin api-secondary: connectionTimeoutSeconds must be a whole 1 to 10',
      'origin api-secondary: responseTimeoutSeconds must be a whole 1 to 120',
      'origin group api-regions: CloudFront cannot fail over on 429 (only 400, 403, 404, 416, 500, 502, 503, 504)',
      'origin group api-regions: primary and fallback are the same origin',
    ]);
    const bucketMember: DistributionDescription = {
      ...DISTRIBUTION,
      origins: {
        ...DISTRIBUTION.origins,
        'api-regions': {
          kind: 'http-group', // A mistake the types would catch, made as plain data can.
          primary: 'site' as 'api',
          fallback: 'api-secondary',
          failoverStatusCodes: [500],
        },
      },
    };
    expect(distributionProblems(bucketMember)).toEqual(['origin group api-regions: member site is not an HTTP origin']);
  });
});

describe('helpers', () => {
  it('withBehavior changes one behavior and names an unknown pattern', () => {
    const changed = withBehavior(DISTRIBUTION, '/media/*', (b) => ({ ...b, trustedKeyGroup: null }));
    expect(changed.behaviors.find((b) => b.pathPattern === '/media/*')?.trustedKeyGroup).toBeNull();
    expect(DISTRIBUTION.behaviors.find((b) => b.pathPattern === '/media/*')?.trustedKeyGroup).toBe('media-signing');
    expect(() => withBehavior(DISTRIBUTION, '/nope/*', (b) => b)).toThrow('no behavior for /nope/*');
  });

  it('splitBehaviors refuses a description whose default is not last', () => {
    const reversed: DistributionDescription = { ...DISTRIBUTION, behaviors: [...DISTRIBUTION.behaviors].reverse() };
    expect(() => splitBehaviors(reversed)).toThrow('must end with the default behavior');
  });
});
