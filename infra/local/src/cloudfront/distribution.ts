import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { CloudFrontRequest, CloudFrontResponse } from 'aws-lambda';
import { AccessLog } from './access-log';
import { DistributionCounters } from './counters';
import { DISTRIBUTION, type DistributionDescription, type SecretJsonField } from '../../../distribution/distribution-description';
import type { RegionRole } from '@stride/contract/region-routing';
import {
  behaviorFor,
  buildLocalDistributionConfig,
  CACHEABLE_ERROR_CODES,
  DEFAULT_ERROR_CACHING_MIN_TTL,
  type Behavior,
  type CachePolicy,
  type EdgeEventType,
  type LocalDistributionConfig,
  type LocalOriginGroup,
  type OriginGroup,
} from './distribution-config';
import { cacheKey, errorTtl, freshness } from './cache-policy';
import { EdgeCache, type CachedResponse } from './edge-cache';
import {
  headerValue,
  isForwardedRequest,
  isGeneratedResponse,
  requestEvent,
  responseEvent,
  s3Origin,
  toCloudFrontRequest,
  toNodeHeaders,
} from './edge-event';
import { EdgeTimeoutError, type EdgeFunction } from './edge-function';
import { checkGeneratedResponse, checkHeaders, EdgeValidationError } from './edge-rules';
import { sendCloudFrontError } from './errors';
import { fetchFromOriginGroup, OriginConnectionError, type OriginResponse } from './origins';
import {
  askHttpOrigin,
  askHttpOriginGroup,
  readViewerBody,
  sendOutcome,
  type ForwardedRequest,
  type HttpOriginResolver,
  type OriginOutcome,
} from './http-origin';
import { verifySignedCookies, type TrustedKey } from './signed-cookies';
import { assertGeneratable, generatedHeaders, isCloudFrontGenerated, LOCAL_VIEWER_COUNTRY_HEADER, viewerFacts } from './viewer-facts';

export type { OriginGroup } from './distribution-config';

export interface DistributionOptions {
  /**
   * Behaviors, origins, policies, error responses: the description the CDK distribution is built from.
   * @default DISTRIBUTION
   */
  readonly description?: DistributionDescription;
  /** Lambda@Edge bundles by name (the folders built in edge/dist); the behaviors say which runs where. */
  readonly edge: Partial<Record<string, EdgeFunction>>;
  /** The site's origin group: primary bucket, replica bucket. */
  readonly site: OriginGroup;
  /** The media behavior's origin group, likewise. */
  readonly media: OriginGroup;
  /** Public keys of the media behavior's trusted key group (`media-signing`). */
  readonly trustedKeys: readonly TrustedKey[];
  /** `/api/*` origin, resolved per request through the local Route 53. */
  readonly api: HttpOriginResolver;
  /**
   * Each region's own API domain (the region-pinned behaviors and the API origin group): straight
   * to that region, as a simple alias record resolves, no failover.
   */
  readonly apiRegions: Readonly<Record<RegionRole, HttpOriginResolver>>;
  /** Resolves the secret references of origin custom headers (read once, at start, as a deploy would). */
  readonly resolveSecret?: (ref: SecretJsonField) => string;
  readonly cache?: EdgeCache;
  readonly log?: AccessLog;
  /** Clock for TTLs and signed-cookie dates (tests move it instead of sleeping). */
  readonly now?: () => number;
  /**
   * The viewer's country as CloudFront's geolocation would give it (CloudFront-Viewer-Country),
   * unless the request names one with the local stand-in header (viewer-facts.ts). A
   * CloudFront-Viewer-Country the viewer sends is dropped, as CloudFront sets its own.
   * @default 'US'
   */
  readonly viewerCountry?: string;
}

export interface Distribution {
  readonly server: Server;
  /** What this distribution runs (behaviors, origins, policies), built from the description. */
  readonly config: LocalDistributionConfig;
  readonly cache: EdgeCache;
  readonly log: AccessLog;
  /** Cache statistics per behavior and content kind, origin requests, edge invocations (the console's `cdn`). */
  readonly counters: DistributionCounters;
}

type CacheResult =
  | 'Hit'
  | 'Miss'
  | 'RefreshHit'
  | 'Error'
  | 'LambdaGeneratedResponse'
  | 'LambdaExecutionError'
  | 'LambdaValidationError'
  | 'LambdaLimitExceeded';

/** What one request did, for the access log. */
interface Trace {
  edgeMs: number;
  origin: string | null;
  region: string | null;
  cache: CacheResult;
  /** Where the answer came from, for the counters. */
  served: 'hit' | 'miss' | 'collapsed' | 'generated' | 'none';
  /** Body bytes sent to the viewer from the cache or an edge function (API bodies stream through uncounted). */
  bytes: number;
}

const newRequestId = (): string => randomBytes(42).toString('base64url').slice(0, 56);

function cloudFrontHeaders(requestId: string, cache: CacheResult): Record<string, string> {
  return {
    via: '1.1 local.cloudfront.net (CloudFront)',
    'x-cache': `${cache} from cloudfront`,
    'x-amz-cf-pop': 'LOCAL1-P1',
    'x-amz-cf-id': requestId,
  };
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  304: 'Not Modified',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** An edge function failed: CloudFront's status and x-cache for each kind of failure. */
class EdgeFailure extends Error {
  constructor(
    readonly status: 502 | 503,
    readonly cache: CacheResult,
    message: string,
  ) {
    super(message);
  }
}

/** A local CloudFront distribution: behaviors, Lambda@Edge at all four events, cache, origins. */
export function createDistribution(options: DistributionOptions): Distribution {
  const config = buildLocalDistributionConfig(
    {
      buckets: {
        site: options.site.primary,
        'site-replica': options.site.replica,
        media: options.media.primary,
        'media-replica': options.media.replica,
      },
      api: { failover: options.api, primary: options.apiRegions.primary, secondary: options.apiRegions.secondary },
      trustedKeyGroups: { 'media-signing': options.trustedKeys },
      resolveSecret:
        options.resolveSecret ??
        ((ref) => {
          throw new Error(`no secret resolver given for ${ref.secretName}`);
        }),
    },
    options.description ?? DISTRIBUTION,
  );
  const behaviors = config.behaviors;
  const cache = options.cache ?? new EdgeCache();
  const log = options.log ?? new AccessLog(null);
  const counters = new DistributionCounters();
  /**
   * Request collapsing: while one request for a cache key is at the origin, other requests for the
   * same key wait for its answer instead of going to the origin too, as CloudFront does
   * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/RequestAndResponseBehaviorS3Origin.html#request-s3-traffic-spikes).
   * Not for behaviors whose policy caches nothing (CachingDisabled): each of those requests is its own.
   */
  const inFlight = new Map<string, Promise<CachedResponse>>();
  const now = options.now ?? Date.now;
  const errorResponses = config.customErrorResponses;
  const defaultCountry = options.viewerCountry ?? 'US';
  /** The generated headers each behavior's policies ask for (checked now: a name we cannot generate fails the start). */
  const generatedNames = new Map(
    behaviors.map((b) => {
      const names = [...new Set([...b.cachePolicy.headers, ...(b.originRequestPolicy?.headers ?? [])])].filter(isCloudFrontGenerated);
      assertGeneratable(names);
      return [b, names] as const;
    }),
  );

  /** The bundle a behavior associates with an event, when it was built. */
  const edgeFor = (behavior: Behavior, type: EdgeEventType): EdgeFunction | undefined => {
    const association = behavior.edgeFunctions.find((e) => e.eventType === type);
    return association ? options.edge[association.functionName] : undefined;
  };

  const bucketGroupOf = (behavior: Behavior): LocalOriginGroup => {
    const origin = config.origins[behavior.origin];
    if (origin.kind !== 'bucket-group') throw new Error(`${behavior.pathPattern} is served from ${behavior.origin}, not a bucket group`);
    return origin;
  };

  /**
   * A behavior whose origin is an HTTP origin or a group of them (the API): uncached (the
   * description holds these behaviors to a policy caching nothing), method, path (and query, when
   * the policy includes query strings), the policy's headers and cookies, and the body go to the
   * origin; the answer comes back with CloudFront's headers.
   */
  async function forwardToApi(req: IncomingMessage, res: ServerResponse, behavior: Behavior, requestId: string, trace: Trace) {
    const origin = config.origins[behavior.origin];
    if (origin.kind === 'bucket-group') throw new Error(`${behavior.pathPattern} is served from buckets, not an HTTP origin`);
    const url = req.url ?? '/';
    const request: ForwardedRequest = {
      method: req.method ?? 'GET',
      path: behavior.originRequestPolicy?.queryStrings === 'all' ? url : (url.split('?')[0] ?? '/'),
      viewerHeaders: req.headers,
      viewerAddress: req.socket.remoteAddress ?? '127.0.0.1',
      body: await readViewerBody(req),
      requestId,
      settings: {
        policy: behavior.originRequestPolicy,
        generated: generatedHeaders(generatedNames.get(behavior) ?? [], viewerFacts(req, { defaultCountry })),
      },
    };
    // Each try is an origin request; one that never got an answer (CloudFront's 502/504) names no region.
    const onAttempt = (outcome: OriginOutcome) =>
      counters.originRequest(`api ${outcome.kind === 'response' ? outcome.region : 'unanswered'}`);
    const outcome =
      origin.kind === 'http'
        ? await askHttpOrigin(origin, request, onAttempt)
        : await askHttpOriginGroup(origin, request, { onAttempt, onFailover: () => counters.originGroupFailover(origin.name) });
    trace.origin = outcome.origin.domainName;
    if (outcome.kind === 'response') trace.region = outcome.region;
    else trace.cache = 'Error';
    return sendOutcome(res, outcome, requestId, cloudFrontHeaders(requestId, trace.cache));
  }

  async function runEdge(fn: EdgeFunction | undefined, type: EdgeEventType, trace: Trace, event: unknown): Promise<unknown> {
    if (!fn) return undefined;
    const started = performance.now();
    try {
      return await fn.invoke(event);
    } catch (error) {
      console.error(`local CloudFront: ${type} function failed: ${error instanceof Error ? error.message : String(error)}`);
      if (error instanceof EdgeTimeoutError)
        throw new EdgeFailure(
          503,
          'LambdaLimitExceeded',
          `The Lambda function associated with the CloudFront distribution (${type}) timed out.`,
        );
      throw new EdgeFailure(
        502,
        'LambdaExecutionError',
        `The Lambda function associated with the CloudFront distribution (${type}) failed.`,
      );
    } finally {
      const ms = performance.now() - started;
      trace.edgeMs += ms;
      counters.edgeInvocation(fn.name, ms);
    }
  }

  const validation = (error: unknown): never => {
    if (error instanceof EdgeValidationError) {
      console.error(`local CloudFront: ${error.message}`);
      throw new EdgeFailure(
        502,
        'LambdaValidationError',
        `The Lambda function returned an invalid request or response to CloudFront: ${error.message}.`,
      );
    }
    throw error;
  };

  /** The origin's answer for a request, through origin-request and origin-response functions. */
  async function fromOrigin(
    behavior: Behavior,
    request: CloudFrontRequest,
    requestId: string,
    trace: Trace,
    ifNoneMatch?: string,
  ): Promise<{ response: OriginResponse; generated: boolean }> {
    const group = bucketGroupOf(behavior);
    // The default root object answers a request for the distribution's root.
    const uri = request.uri === '/' && config.defaultRootObject ? `/${config.defaultRootObject}` : request.uri;
    let originRequest: CloudFrontRequest = { ...request, uri, origin: s3Origin(group.primary.name) };
    const originRequestFn = edgeFor(behavior, 'origin-request');
    if (originRequestFn) {
      const result = await runEdge(originRequestFn, 'origin-request', trace, requestEvent('origin-request', originRequest, requestId));
      if (isGeneratedResponse(result)) {
        // Generated at origin-request: cached like an origin response, origin-response not run.
        let body: Buffer;
        try {
          body = checkGeneratedResponse('origin-request', result);
        } catch (error) {
          return validation(error);
        }
        return {
          response: { status: Number(result.status), headers: result.headers ?? {}, body, origin: 'origin-request function' },
          generated: true,
        };
      }
      if (!isForwardedRequest(result))
        return validation(new EdgeValidationError('origin-request: the function returned neither a request nor a response'));
      try {
        checkHeaders('origin-request', originRequest.headers, result.headers);
      } catch (error) {
        validation(error);
      }
      originRequest = result;
    }

    let response: OriginResponse;
    try {
      // The media folders hold what S3 keeps under the `media/` prefix: /media/x → <folder>/x.
      const key = behavior.origin === 'media' ? originRequest.uri.replace(/^\/media(?=\/)/, '') : originRequest.uri;
      response = await fetchFromOriginGroup(group, request.method, key, ifNoneMatch);
    } catch (error) {
      if (error instanceof OriginConnectionError)
        throw new EdgeFailure(502, 'Error', `CloudFront wasn't able to connect to the origin. (${error.message})`);
      throw error;
    }
    trace.origin = response.origin;
    counters.originRequest(response.origin);
    if (response.origin === group.replica.name) counters.originGroupFailover(behavior.origin);

    const originResponseFn = edgeFor(behavior, 'origin-response');
    if (originResponseFn && response.status !== 304) {
      const cfResponse: CloudFrontResponse = {
        status: String(response.status),
        statusDescription: STATUS_TEXT[response.status] ?? '',
        headers: response.headers,
      };
      const result = (await runEdge(
        originResponseFn,
        'origin-response',
        trace,
        responseEvent('origin-response', originRequest, cfResponse, requestId),
      )) as (CloudFrontResponse & { body?: unknown; bodyEncoding?: unknown }) | undefined;
      if (!result || typeof result !== 'object' || result.status === undefined)
        return validation(new EdgeValidationError('origin-response: the function returned no response'));
      let body = response.body;
      try {
        checkHeaders('origin-response', response.headers, result.headers);
        // An origin-response function may replace the body; that body is held to the 1 MB generated-response limit.
        if (result.body !== undefined) body = checkGeneratedResponse('origin-response', result);
        else if (!Number.isInteger(Number(result.status)))
          throw new EdgeValidationError(`origin-response: status "${String(result.status)}" is not an HTTP status code`);
      } catch (error) {
        validation(error);
      }
      response = { ...response, status: Number(result.status), headers: result.headers, body };
    }
    return { response, generated: false };
  }

  /** The custom error response for an error status (its page, if any, fetched without viewer-request). */
  async function customError(
    behavior: Behavior,
    request: CloudFrontRequest,
    response: OriginResponse,
    requestId: string,
    trace: Trace,
  ): Promise<{ response: OriginResponse; minTtl: number }> {
    const rule = errorResponses.find((r) => r.errorCode === response.status);
    if (!rule) return { response, minTtl: DEFAULT_ERROR_CACHING_MIN_TTL };
    if (!rule.responsePagePath) return { response, minTtl: rule.errorCachingMinTtl };
    const page = await fromOrigin(behavior, { ...request, uri: rule.responsePagePath, querystring: '' }, requestId, trace);
    if (page.response.status >= 400) return { response, minTtl: rule.errorCachingMinTtl };
    return { response: { ...page.response, status: rule.responseCode ?? response.status }, minTtl: rule.errorCachingMinTtl };
  }

  /** Fetches, applies error responses, and stores per the policy; returns what to send. */
  async function fetchAndStore(
    behavior: Behavior,
    policy: CachePolicy,
    key: string,
    request: CloudFrontRequest,
    requestId: string,
    trace: Trace,
    stale?: CachedResponse,
  ): Promise<CachedResponse> {
    const etag = stale ? headerValue(stale.headers, 'etag') : undefined;
    const { response: fetched } = await fromOrigin(behavior, request, requestId, trace, etag);
    const t = now();
    if (stale && fetched.status === 304) {
      // Revalidated: the cached object is fresh again for a new TTL from the 304's headers.
      const merged = { ...stale.headers, ...fetched.headers };
      const f = freshness(headerValue(merged, 'cache-control'), headerValue(merged, 'expires'), policy, t);
      const refreshed: CachedResponse = {
        ...stale,
        headers: merged,
        storedAt: t,
        ttlMs: f.ttl * 1000,
        staleWhileRevalidateMs: f.staleWhileRevalidate * 1000,
      };
      cache.set(key, refreshed);
      trace.cache = 'RefreshHit';
      return refreshed;
    }
    let response = fetched;
    let ttlSeconds: number;
    let swrSeconds = 0;
    if (response.status >= 400) {
      const custom = await customError(behavior, request, response, requestId, trace);
      response = custom.response;
      ttlSeconds = CACHEABLE_ERROR_CODES.has(fetched.status)
        ? errorTtl(
            fetched.status,
            headerValue(fetched.headers, 'cache-control'),
            headerValue(fetched.headers, 'expires'),
            custom.minTtl,
            policy,
            t,
          )
        : 0;
      trace.cache = 'Error';
    } else {
      const f = freshness(headerValue(response.headers, 'cache-control'), headerValue(response.headers, 'expires'), policy, t);
      ttlSeconds = f.ttl;
      swrSeconds = f.staleWhileRevalidate;
      trace.cache = 'Miss';
    }
    const entry: CachedResponse = {
      uri: request.uri,
      status: response.status,
      headers: response.headers,
      body: response.body,
      storedAt: t,
      ttlMs: ttlSeconds * 1000,
      staleWhileRevalidateMs: swrSeconds * 1000,
    };
    const cacheableMethod = behavior.cachedMethods.includes(request.method);
    if (cacheableMethod && ttlSeconds > 0 && response.status !== 304) cache.set(key, entry);
    else cache.delete(key);
    return entry;
  }

  async function serveCached(
    req: IncomingMessage,
    res: ServerResponse,
    behavior: Behavior,
    requestId: string,
    trace: Trace,
  ): Promise<number> {
    const method = req.method ?? 'GET';
    const received = toCloudFrontRequest({
      method,
      url: req.url ?? '/',
      rawHeaders: req.rawHeaders,
      clientIp: req.socket.remoteAddress ?? '127.0.0.1',
    });
    // CloudFront's own headers: what the viewer sent under those names is dropped, and the
    // ones the behavior's policies name are set from the viewer's connection.
    const viewerRequest: CloudFrontRequest = {
      ...received,
      headers: Object.fromEntries(
        Object.entries(received.headers).filter(([name]) => !isCloudFrontGenerated(name) && name !== LOCAL_VIEWER_COUNTRY_HEADER),
      ),
    };
    for (const h of generatedHeaders(generatedNames.get(behavior) ?? [], viewerFacts(req, { defaultCountry })))
      viewerRequest.headers[h.name] = [{ key: h.key, value: h.value }];

    if (behavior.trustedKeyGroup) {
      const url = `http://${headerValue(viewerRequest.headers, 'host') ?? 'localhost'}${viewerRequest.uri}`;
      const verdict = verifySignedCookies(req.headers.cookie, url, config.trustedKeyGroups[behavior.trustedKeyGroup] ?? [], now());
      if (!verdict.ok) {
        trace.cache = 'Error';
        res.writeHead(403, { 'content-type': 'text/xml', ...cloudFrontHeaders(requestId, 'Error') });
        res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>${verdict.reason}</Message></Error>`);
        return 403;
      }
    }

    let request = viewerRequest;
    const viewerRequestFn = edgeFor(behavior, 'viewer-request');
    if (viewerRequestFn) {
      const result = await runEdge(viewerRequestFn, 'viewer-request', trace, requestEvent('viewer-request', viewerRequest, requestId));
      if (isGeneratedResponse(result)) {
        // Returned to the viewer as is: not cached, viewer-response not run.
        let body: Buffer;
        try {
          body = checkGeneratedResponse('viewer-request', result);
        } catch (error) {
          return validation(error);
        }
        trace.cache = 'LambdaGeneratedResponse';
        trace.served = 'generated';
        trace.bytes = method === 'HEAD' ? 0 : body.length;
        res.writeHead(Number(result.status), {
          ...toNodeHeaders(result.headers),
          ...cloudFrontHeaders(requestId, 'LambdaGeneratedResponse'),
        });
        res.end(method === 'HEAD' ? undefined : body);
        return Number(result.status);
      }
      if (!isForwardedRequest(result))
        return validation(new EdgeValidationError('viewer-request: the function returned neither a request nor a response'));
      try {
        checkHeaders('viewer-request', viewerRequest.headers, result.headers);
      } catch (error) {
        validation(error);
      }
      request = result;
    }

    const policy = behavior.cachePolicy;
    const key = cacheKey(policy, {
      host: headerValue(request.headers, 'host') ?? '',
      uri: request.uri,
      querystring: request.querystring,
      headers: request.headers,
    });
    const t = now();
    let entry = behavior.cachedMethods.includes(method) ? cache.get(key) : undefined;
    if (entry && t < entry.storedAt + entry.ttlMs) {
      trace.cache = entry.status >= 400 ? 'Error' : 'Hit';
      trace.served = 'hit';
      cache.hits += 1;
    } else if (entry && t < entry.storedAt + entry.ttlMs + entry.staleWhileRevalidateMs) {
      // stale-while-revalidate: serve the stale copy now, refresh behind it (one refresh per key at a time).
      trace.cache = 'Hit';
      trace.served = 'hit';
      cache.hits += 1;
      if (!inFlight.has(key)) {
        const refreshing = fetchAndStore(
          behavior,
          policy,
          key,
          request,
          requestId,
          { edgeMs: 0, origin: null, region: null, cache: 'Miss', served: 'miss', bytes: 0 },
          entry,
        );
        inFlight.set(key, refreshing);
        void refreshing.finally(() => inFlight.delete(key)).catch(() => undefined);
      }
    } else {
      cache.misses += 1;
      const collapsible = behavior.cachedMethods.includes(method) && policy.maxTtl > 0;
      const pending = collapsible ? inFlight.get(key) : undefined;
      if (pending) {
        // Collapsed: this request waits for the origin fetch already under way and gets its answer.
        trace.served = 'collapsed';
        entry = await pending;
        trace.cache = entry.status >= 400 ? 'Error' : 'Miss';
      } else {
        trace.served = 'miss';
        const fetching = fetchAndStore(behavior, policy, key, request, requestId, trace, entry);
        if (collapsible) {
          inFlight.set(key, fetching);
          void fetching.finally(() => inFlight.delete(key)).catch(() => undefined);
        }
        entry = await fetching;
      }
    }

    let status = entry.status;
    let headers = entry.headers;
    const viewerResponseFn = edgeFor(behavior, 'viewer-response');
    if (status < 400 && viewerResponseFn) {
      const cfResponse: CloudFrontResponse = { status: String(status), statusDescription: STATUS_TEXT[status] ?? '', headers };
      const result = (await runEdge(
        viewerResponseFn,
        'viewer-response',
        trace,
        responseEvent('viewer-response', request, cfResponse, requestId),
      )) as CloudFrontResponse | undefined;
      if (!result || typeof result !== 'object' || !Number.isInteger(Number(result.status)))
        return validation(new EdgeValidationError('viewer-response: the function returned no valid response'));
      try {
        checkHeaders('viewer-response', headers, result.headers);
      } catch (error) {
        validation(error);
      }
      status = Number(result.status);
      headers = result.headers;
    }

    const ageSeconds = Math.max(0, Math.floor((t - entry.storedAt) / 1000));
    const out: Record<string, string | string[]> = { ...toNodeHeaders(headers), ...cloudFrontHeaders(requestId, trace.cache) };
    delete out['content-length'];
    if (trace.cache === 'Hit' || trace.cache === 'RefreshHit' || (trace.cache === 'Error' && ageSeconds > 0)) out.age = String(ageSeconds);
    const etag = headerValue(headers, 'etag');
    if (status === 200 && etag && req.headers['if-none-match']?.split(/\s*,\s*/).includes(etag)) {
      res.writeHead(304, out);
      res.end();
      return 304;
    }
    out['content-length'] = String(entry.body.length);
    trace.bytes = method === 'HEAD' ? 0 : entry.body.length;
    res.writeHead(status, out);
    res.end(method === 'HEAD' ? undefined : entry.body);
    return status;
  }

  const server = createServer((req, res) => {
    const started = performance.now();
    const requestId = newRequestId();
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const behavior = behaviorFor(path, behaviors);
    const trace: Trace = { edgeMs: 0, origin: null, region: null, cache: 'Miss', served: 'none', bytes: 0 };
    const method = req.method ?? 'GET';

    const handle = async (): Promise<number> => {
      if (!behavior.allowedMethods.includes(method)) {
        trace.cache = 'Error';
        sendCloudFrontError(
          res,
          403,
          'This distribution is not configured to allow the HTTP request method that was used for this request.',
          requestId,
        );
        return 403;
      }
      if (config.origins[behavior.origin].kind !== 'bucket-group') return forwardToApi(req, res, behavior, requestId, trace);
      return serveCached(req, res, behavior, requestId, trace);
    };
    handle()
      .catch((error: unknown) => {
        if (error instanceof EdgeFailure) {
          trace.cache = error.cache;
          sendCloudFrontError(res, error.status, error.message, requestId, `${error.cache} from cloudfront`);
          return error.status;
        }
        console.error('local CloudFront: unexpected failure', error);
        sendCloudFrontError(res, 502, 'The local CloudFront failed while handling this request.', requestId);
        return 502;
      })
      .then((status) => {
        counters.viewerRequest({ path, behavior: behavior.pathPattern, served: trace.served, status, bytes: trace.bytes });
        log.write({
          time: new Date().toISOString(),
          requestId,
          method,
          path,
          status,
          cache: trace.cache,
          edgeMs: Math.round(trace.edgeMs * 100) / 100,
          origin: trace.origin,
          region: trace.region,
          durationMs: Math.round((performance.now() - started) * 100) / 100,
        });
      });
  });
  // Viewer connections stay open between requests well past Node's 5 s default: a browser or an
  // HTTP client reuses them after a pause (a viewer reading a page), and CloudFront documents no
  // shorter viewer-side idle timeout. With 5 s a client that reused a connection just as the
  // server closed it got ECONNRESET on a request that never reached the stack.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return { server, config, cache, log, counters };
}
