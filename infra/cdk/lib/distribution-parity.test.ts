import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BucketOrigin } from '../../local/src/cloudfront/bucket-origin';
import type { LocalDistributionConfig, LocalHttpOrigin, LocalOrigin } from '../../local/src/cloudfront/distribution-config';
import { FAILOVER_READ_PATH_PATTERNS, regionPinnedPathPattern } from '@stride/contract/region-routing';
import type { StrideConfig } from '../config/stride-config';
import { apiDomainName, regionalApiDomainName } from './names';
import { startTestStack, type TestStack } from '../../local/src/testing/harness';
import { SYNTH_TIMEOUT_MS, synthStride } from '../testing/synth-app';

/**
 * The distribution parity test: the CloudFront distribution CloudFormation would create (the
 * synthesized StrideSite template) and the one the local stack runs (read back from the running
 * local distribution's config objects) must agree on everything both implement. Both are built
 * from infra/distribution/distribution-description.ts; this test is what notices when one of the
 * two builders (site-stack.ts, or the local CloudFront) stops following it.
 *
 * Not compared, because the local CloudFront does not implement them: viewer protocol policy
 * (loopback is plain HTTP), compression (the local CloudFront sends identity bodies), TLS, WAF,
 * logging, price class, aliases.
 */

type Json = Record<string, unknown>;

/** One behavior, in a shape both sides can be reduced to. */
interface ComparableBehavior {
  readonly pathPattern: string;
  readonly allowedMethods: readonly string[];
  readonly cachedMethods: readonly string[];
  readonly cachePolicy: {
    minTtl: number;
    defaultTtl: number;
    maxTtl: number;
    headers: string[];
    cookies: string | string[];
    queryStrings: string | string[];
  };
  readonly originRequestPolicy: { headers: string[]; cookies: string; queryStrings: string } | null;
  readonly edgeFunctions: readonly { eventType: string; functionName: string }[];
  readonly trustedKeyGroup: string | null;
  readonly origin: ComparableOrigin;
}

/** An HTTP origin by which API name it is, the headers it adds, and how long CloudFront gives it. */
interface ComparableHttpOrigin {
  kind: 'http';
  endpoint: string;
  customHeaderNames: string[];
  timeouts: { connectionAttempts: number; connectionTimeoutSeconds: number; responseTimeoutSeconds: number };
}
type ComparableOrigin =
  | { kind: 'bucket-group'; failoverStatusCodes: number[]; members: string[] }
  | { kind: 'http-group'; failoverStatusCodes: number[]; members: ComparableHttpOrigin[] }
  | ComparableHttpOrigin;

interface ComparableDistribution {
  readonly defaultRootObject: string;
  readonly behaviors: readonly ComparableBehavior[];
  readonly customErrorResponses: readonly {
    errorCode: number;
    errorCachingMinTtl: number;
    responsePagePath?: string;
    responseCode?: number;
  }[];
}

const sorted = <T>(values: Iterable<T>): T[] => [...values].sort();
const lowerSorted = (values: readonly string[]): string[] => sorted(values.map((v) => v.toLowerCase()));

/**
 * AWS managed cache policies, as AWS documents them
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html).
 * The template holds only their ids.
 */
const MANAGED_CACHE_POLICIES: Record<string, ComparableBehavior['cachePolicy']> = {
  // CachingDisabled
  '4135ea2d-6df8-44a3-9df3-4b5a84be39ad': { minTtl: 0, defaultTtl: 0, maxTtl: 0, headers: [], cookies: 'none', queryStrings: 'none' },
};

// ---- the synthesized template → comparable -------------------------------------------------

/** CloudFront's values for an origin that states none (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_Origin.html). */
const CLOUDFRONT_DEFAULTS = { connectionAttempts: 3, connectionTimeoutSeconds: 10, responseTimeoutSeconds: 30 };

function fromTemplate(template: Json, stride: StrideConfig): ComparableDistribution {
  const resources = template.Resources as Record<string, { Type: string; Properties: Json }>;
  const parameters = (template.Parameters ?? {}) as Record<string, { Default?: string }>;
  const distributions = Object.values(resources).filter((r) => r.Type === 'AWS::CloudFront::Distribution');
  expect(distributions).toHaveLength(1);
  const config = distributions[0]?.Properties.DistributionConfig as Json;
  const origins = config.Origins as Json[];
  const groups = ((config.OriginGroups as { Items?: Json[] } | undefined)?.Items ?? []) as Json[];

  const ref = (value: unknown): string | undefined =>
    value && typeof value === 'object' && 'Ref' in value ? String((value as { Ref: unknown }).Ref) : undefined;
  const resource = (logicalId: string) => {
    const found = resources[logicalId];
    if (!found) throw new Error(`template has no resource ${logicalId}`);
    return found.Properties;
  };
  /** A cache key's cookies or query strings: none, all, or the allow-listed names. */
  const list = (config: Json, behaviorKey: string, listKey: string): string | string[] => {
    const behavior = String(config[behaviorKey]);
    if (behavior === 'none' || behavior === 'all') return behavior;
    if (behavior !== 'whitelist') throw new Error(`${behaviorKey} ${behavior} is not one the description can express`);
    return lowerSorted((config[listKey] as string[] | undefined) ?? []);
  };

  const cachePolicy = (id: unknown): ComparableBehavior['cachePolicy'] => {
    if (typeof id === 'string') {
      const managed = MANAGED_CACHE_POLICIES[id];
      if (!managed) throw new Error(`unknown managed cache policy ${id}: add its documented settings to MANAGED_CACHE_POLICIES`);
      return managed;
    }
    const c = (resource(ref(id) ?? '') as { CachePolicyConfig: Json }).CachePolicyConfig;
    const keys = c.ParametersInCacheKeyAndForwardedToOrigin as Json;
    const headers = keys.HeadersConfig as Json;
    return {
      minTtl: Number(c.MinTTL),
      defaultTtl: Number(c.DefaultTTL),
      maxTtl: Number(c.MaxTTL),
      headers: headers.HeaderBehavior === 'none' ? [] : lowerSorted((headers.Headers as string[] | undefined) ?? []),
      cookies: list(keys.CookiesConfig as Json, 'CookieBehavior', 'Cookies'),
      queryStrings: list(keys.QueryStringsConfig as Json, 'QueryStringBehavior', 'QueryStrings'),
    };
  };

  const originRequestPolicy = (id: unknown): ComparableBehavior['originRequestPolicy'] => {
    if (id === undefined) return null;
    if (typeof id === 'string')
      throw new Error(`managed origin request policy ${id}: the description names every header the origin gets, use one of its policies`);
    const c = (resource(ref(id) ?? '') as { OriginRequestPolicyConfig: Json }).OriginRequestPolicyConfig;
    const headers = c.HeadersConfig as Json;
    expect(['none', 'whitelist']).toContain(headers.HeaderBehavior);
    return {
      headers: headers.HeaderBehavior === 'none' ? [] : lowerSorted((headers.Headers as string[] | undefined) ?? []),
      cookies: String((c.CookiesConfig as Json).CookieBehavior),
      queryStrings: String((c.QueryStringsConfig as Json).QueryStringBehavior),
    };
  };

  // A bucket origin by what it is: the stack's own bucket (GetAtt) or a replica (by name).
  const bucketOf = (originId: string): string => {
    const origin = origins.find((o) => o.Id === originId);
    const domain = origin?.DomainName;
    if (typeof domain === 'string') {
      const match = /^stride-(site|media)-replica-/.exec(domain);
      if (match) return `${match[1]}-replica`;
    } else if (domain && typeof domain === 'object' && 'Fn::GetAtt' in domain) {
      const [logicalId] = (domain as { 'Fn::GetAtt': string[] })['Fn::GetAtt'];
      if (logicalId?.startsWith('SiteBucket')) return 'site';
      if (logicalId?.startsWith('MediaBucket')) return 'media';
    }
    throw new Error(`origin ${originId} is not one of Stride's buckets: ${JSON.stringify(domain)}`);
  };

  // An API origin by its name: the failover name, or one region's own.
  const endpoints: Record<string, string> = {
    [apiDomainName(stride)]: 'failover',
    [regionalApiDomainName(stride, stride.regions.primary)]: 'primary',
    [regionalApiDomainName(stride, stride.regions.secondary)]: 'secondary',
  };
  const httpOriginOf = (originId: string): ComparableHttpOrigin | undefined => {
    const origin = origins.find((o) => o.Id === originId);
    const custom = origin?.CustomOriginConfig as Json | undefined;
    if (!origin || !custom) return undefined;
    const endpoint = endpoints[String(origin.DomainName)];
    if (!endpoint) throw new Error(`origin ${originId} (${JSON.stringify(origin.DomainName)}) is none of the API's names`);
    const headers = (origin.OriginCustomHeaders as { HeaderName: string; HeaderValue: unknown }[] | undefined) ?? [];
    return {
      kind: 'http',
      endpoint,
      customHeaderNames: lowerSorted(headers.map((h) => h.HeaderName)),
      timeouts: {
        connectionAttempts: Number(origin.ConnectionAttempts ?? CLOUDFRONT_DEFAULTS.connectionAttempts),
        connectionTimeoutSeconds: Number(origin.ConnectionTimeout ?? CLOUDFRONT_DEFAULTS.connectionTimeoutSeconds),
        responseTimeoutSeconds: Number(custom.OriginReadTimeout ?? CLOUDFRONT_DEFAULTS.responseTimeoutSeconds),
      },
    };
  };

  const originOf = (targetId: string): ComparableOrigin => {
    const group = groups.find((g) => g.Id === targetId);
    if (group) {
      const codes = sorted(((group.FailoverCriteria as Json).StatusCodes as { Items: number[]; Quantity: number }).Items);
      const memberIds = ((group.Members as Json).Items as { OriginId: string }[]).map((m) => m.OriginId);
      const http = memberIds.map(httpOriginOf);
      if (http.every((m) => m !== undefined)) return { kind: 'http-group', failoverStatusCodes: codes, members: http };
      return { kind: 'bucket-group', failoverStatusCodes: codes, members: memberIds.map(bucketOf) };
    }
    const origin = httpOriginOf(targetId);
    if (!origin) throw new Error(`behavior target ${targetId} is neither an origin group nor a custom origin`);
    return origin;
  };

  const edgeFunctionName = (arn: unknown): string => {
    const parameter = parameters[ref(arn) ?? '']?.Default ?? '';
    const match = /^\/stride\/edge\/([^/]+)\/version-arn$/.exec(parameter);
    if (!match?.[1]) throw new Error(`Lambda@Edge ARN ${JSON.stringify(arn)} is not an Edge stack version parameter`);
    return match[1];
  };

  const keyGroupName = (groupsOfBehavior: unknown): string | null => {
    if (!Array.isArray(groupsOfBehavior) || groupsOfBehavior.length === 0) return null;
    expect(groupsOfBehavior).toHaveLength(1);
    const id = ref(groupsOfBehavior[0]) ?? '';
    if (id.startsWith('MediaKeyGroup')) return 'media-signing';
    throw new Error(`unknown trusted key group ${id}`);
  };

  const behavior = (b: Json, pathPattern: string): ComparableBehavior => ({
    pathPattern,
    allowedMethods: sorted(b.AllowedMethods as string[]),
    cachedMethods: sorted(b.CachedMethods as string[]),
    cachePolicy: cachePolicy(b.CachePolicyId),
    originRequestPolicy: originRequestPolicy(b.OriginRequestPolicyId),
    edgeFunctions: ((b.LambdaFunctionAssociations as { EventType: string; LambdaFunctionARN: unknown }[] | undefined) ?? []).map((a) => ({
      eventType: a.EventType,
      functionName: edgeFunctionName(a.LambdaFunctionARN),
    })),
    trustedKeyGroup: keyGroupName(b.TrustedKeyGroups),
    origin: originOf(String(b.TargetOriginId)),
  });

  const additional = ((config.CacheBehaviors as Json[] | undefined) ?? []).map((b) => behavior(b, String(b.PathPattern)));
  return {
    defaultRootObject: String(config.DefaultRootObject),
    behaviors: [...additional, behavior(config.DefaultCacheBehavior as Json, '*')],
    customErrorResponses: ((config.CustomErrorResponses as Json[] | undefined) ?? [])
      .map((r) => ({
        errorCode: Number(r.ErrorCode),
        errorCachingMinTtl: Number(r.ErrorCachingMinTTL),
        ...(r.ResponsePagePath ? { responsePagePath: String(r.ResponsePagePath) } : {}),
        ...(r.ResponseCode ? { responseCode: Number(r.ResponseCode) } : {}),
      }))
      .sort((a, b) => a.errorCode - b.errorCode),
  };
}

// ---- the running local distribution → comparable -------------------------------------------

function fromLocal(config: LocalDistributionConfig, buckets: ReadonlyMap<BucketOrigin, string>): ComparableDistribution {
  const bucketOf = (bucket: BucketOrigin): string => {
    const name = buckets.get(bucket);
    if (!name) throw new Error(`local bucket ${bucket.name} is none of the stack's buckets`);
    return name;
  };
  const http = (origin: LocalHttpOrigin): ComparableHttpOrigin => ({
    kind: 'http',
    endpoint: origin.endpoint,
    customHeaderNames: lowerSorted(origin.customHeaders.map((h) => h.name)),
    timeouts: {
      connectionAttempts: origin.timeouts.connectionAttempts,
      connectionTimeoutSeconds: origin.timeouts.connectionTimeoutMs / 1000,
      responseTimeoutSeconds: origin.timeouts.responseTimeoutMs / 1000,
    },
  });
  const originOf = (origin: LocalOrigin): ComparableOrigin =>
    origin.kind === 'http'
      ? http(origin)
      : origin.kind === 'http-group'
        ? {
            kind: 'http-group',
            failoverStatusCodes: sorted(origin.failoverStatusCodes),
            members: [http(origin.primary), http(origin.fallback)],
          }
        : {
            kind: 'bucket-group',
            failoverStatusCodes: sorted(origin.failoverStatusCodes),
            members: [bucketOf(origin.primary), bucketOf(origin.replica)],
          };
  return {
    defaultRootObject: config.defaultRootObject,
    behaviors: config.behaviors.map((b) => {
      return {
        pathPattern: b.pathPattern,
        allowedMethods: sorted(b.allowedMethods),
        cachedMethods: sorted(b.cachedMethods),
        cachePolicy: {
          minTtl: b.cachePolicy.minTtl,
          defaultTtl: b.cachePolicy.defaultTtl,
          maxTtl: b.cachePolicy.maxTtl,
          headers: lowerSorted(b.cachePolicy.headers),
          cookies:
            b.cachePolicy.cookies === 'all' ? 'all' : b.cachePolicy.cookies.length === 0 ? 'none' : lowerSorted(b.cachePolicy.cookies),
          queryStrings:
            typeof b.cachePolicy.queryStrings === 'string' ? b.cachePolicy.queryStrings : lowerSorted(b.cachePolicy.queryStrings),
        },
        originRequestPolicy: b.originRequestPolicy
          ? {
              headers: lowerSorted(b.originRequestPolicy.headers),
              cookies: b.originRequestPolicy.cookies,
              queryStrings: b.originRequestPolicy.queryStrings,
            }
          : null,
        edgeFunctions: b.edgeFunctions.map((e) => ({ eventType: e.eventType, functionName: e.functionName })),
        trustedKeyGroup: b.trustedKeyGroup,
        origin: originOf(config.origins[b.origin]),
      };
    }),
    customErrorResponses: [...config.customErrorResponses]
      .map((r) => ({
        errorCode: r.errorCode,
        errorCachingMinTtl: r.errorCachingMinTtl,
        ...(r.responsePagePath ? { responsePagePath: r.responsePagePath } : {}),
        ...(r.responseCode ? { responseCode: r.responseCode } : {}),
      }))
      .sort((a, b) => a.errorCode - b.errorCode),
  };
}

let aws: ComparableDistribution;
let local: ComparableDistribution;
let stack: TestStack | undefined;
beforeAll(async () => {
  const synth = synthStride();
  aws = fromTemplate(synth.template('site').toJSON() as Json, synth.config);
  stack = await startTestStack({}, { edge: false });
  const running = stack.stack;
  const buckets = new Map<BucketOrigin, string>([
    [running.site.primary, 'site'],
    [running.site.replica, 'site-replica'],
    [running.media.primary, 'media'],
    [running.media.replica, 'media-replica'],
  ]);
  local = fromLocal(running.distribution.config, buckets);
}, SYNTH_TIMEOUT_MS);
afterAll(async () => {
  await stack?.stop();
});

describe('distribution parity: the synthesized StrideSite distribution and the running local CloudFront', () => {
  it('have the same behaviors in the same precedence order', () => {
    expect(local.behaviors.map((b) => b.pathPattern)).toEqual(aws.behaviors.map((b) => b.pathPattern));
    expect(aws.behaviors.at(-1)?.pathPattern).toBe('*');
  });

  it.each([
    ...FAILOVER_READ_PATH_PATTERNS,
    regionPinnedPathPattern('primary'),
    regionPinnedPathPattern('secondary'),
    '/api/*',
    '/media/*',
    '*',
  ])('agree on %s: methods, cache policy, origin request policy, edge functions, key group, origin', (pathPattern) => {
    const onAws = aws.behaviors.find((b) => b.pathPattern === pathPattern);
    const onLocal = local.behaviors.find((b) => b.pathPattern === pathPattern);
    expect(onAws).toBeDefined();
    expect(onLocal).toEqual(onAws);
  });

  it('send the read paths to one origin group of the two regions’ own names, primary first, on 500/502/503/504, with 1 attempt of 1 s and a 3 s response timeout', () => {
    for (const side of [aws, local]) {
      for (const pattern of FAILOVER_READ_PATH_PATTERNS) {
        const behavior = side.behaviors.find((b) => b.pathPattern === pattern);
        expect(behavior?.allowedMethods).toEqual(['GET', 'HEAD', 'OPTIONS']);
        expect(behavior?.origin).toMatchObject({
          kind: 'http-group',
          failoverStatusCodes: [500, 502, 503, 504],
          members: [
            { endpoint: 'primary', timeouts: { connectionAttempts: 1, connectionTimeoutSeconds: 1, responseTimeoutSeconds: 3 } },
            { endpoint: 'secondary', timeouts: { connectionAttempts: 1, connectionTimeoutSeconds: 1, responseTimeoutSeconds: 3 } },
          ],
        });
      }
      // api.<domain> keeps CloudFront's own timeouts, stated.
      expect(side.behaviors.find((b) => b.pathPattern === '/api/*')?.origin).toMatchObject({
        endpoint: 'failover',
        timeouts: CLOUDFRONT_DEFAULTS,
      });
    }
  });

  it('agree on custom error responses (codes and ErrorCachingMinTTL) and the default root object', () => {
    expect(local.customErrorResponses).toEqual(aws.customErrorResponses);
    expect(local.defaultRootObject).toBe(aws.defaultRootObject);
  });

  it('compare every behavior (nothing left out of the checks above)', () => {
    expect(local).toEqual(aws);
  });
});
