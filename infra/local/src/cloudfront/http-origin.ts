import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { sendCloudFrontError } from './errors';
import { isCloudFrontGenerated } from './viewer-facts';

/** Where an HTTP origin's name resolves right now (through the local Route 53). */
export interface HttpOriginResolver {
  /** The origin's DNS name as the distribution names it (sent as Host). */
  readonly domainName: string;
  resolve(): { readonly host: string; readonly port: number; readonly region: string };
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** CloudFront's origin response timeout default. */
export const ORIGIN_RESPONSE_TIMEOUT_MS = 30_000;

/** What the behavior sends to its HTTP origin, per its origin request policy and the origin's custom headers. */
export interface HttpOriginRequestSettings {
  readonly origin: HttpOriginResolver & { readonly customHeaders: readonly { readonly name: string; readonly value: string }[] };
  /** null: no origin request policy (only what CloudFront always sends). */
  readonly policy: { readonly headers: readonly string[]; readonly cookies: 'none' | 'all'; readonly queryStrings: 'none' | 'all' } | null;
  /** The CloudFront-* headers the policy names, with this viewer's values. */
  readonly generated: readonly { readonly name: string; readonly value: string }[];
}

/**
 * The headers CloudFront sends to the origin: the viewer headers the origin request policy
 * allow-lists (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/controlling-origin-requests.html),
 * the cookies when it includes them, the CloudFront-* headers it names (generated, never the
 * viewer's), then the origin's custom headers, which overwrite a viewer header of the same name
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/add-origin-custom-headers.html).
 * Host is the origin's own name.
 */
export function originRequestHeaders(
  viewer: IncomingMessage['headers'],
  settings: HttpOriginRequestSettings,
  requestId: string,
  viewerAddress: string,
): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  const allowed = new Set(settings.policy?.headers ?? []);
  for (const [name, value] of Object.entries(viewer)) {
    if (value === undefined || HOP_BY_HOP.has(name) || isCloudFrontGenerated(name)) continue;
    // The body goes on; CloudFront sends its length.
    if (name === 'content-length' || allowed.has(name) || (name === 'cookie' && settings.policy?.cookies === 'all')) headers[name] = value;
  }
  for (const h of settings.generated) headers[h.name] = h.value;
  for (const h of settings.origin.customHeaders) headers[h.name.toLowerCase()] = h.value;
  headers.host = settings.origin.domainName;
  headers['user-agent'] ??= 'Amazon CloudFront';
  headers['x-amz-cf-id'] = requestId;
  headers['x-forwarded-for'] = viewerAddress;
  headers.via = '1.1 local.cloudfront.net (CloudFront)';
  return headers;
}

/**
 * An uncached behavior (CachingDisabled): method, path (and query, when the policy includes query
 * strings), the policy's headers and cookies, and the body go to the origin; the answer comes back
 * with CloudFront's headers.
 */
export function forwardToHttpOrigin(
  req: IncomingMessage,
  res: ServerResponse,
  settings: HttpOriginRequestSettings,
  requestId: string,
  cfHeaders: Record<string, string>,
  trace: { origin: string | null; region: string | null },
): Promise<number> {
  const origin = settings.origin;
  const target = origin.resolve();
  trace.origin = origin.domainName;
  return new Promise((resolve) => {
    const headers = originRequestHeaders(req.headers, settings, requestId, req.socket.remoteAddress ?? '127.0.0.1');
    const url = req.url ?? '/';
    const path = settings.policy?.queryStrings === 'all' ? url : (url.split('?')[0] ?? '/');

    const upstream = httpRequest(
      { host: target.host, port: target.port, method: req.method, path, headers, timeout: ORIGIN_RESPONSE_TIMEOUT_MS },
      (originRes) => {
        const out: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(originRes.headers)) {
          if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
        }
        const status = originRes.statusCode ?? 502;
        trace.region = typeof out['x-stride-region'] === 'string' ? out['x-stride-region'] : target.region;
        res.writeHead(status, { ...out, ...cfHeaders });
        originRes.pipe(res);
        originRes.on('end', () => resolve(status));
        originRes.on('error', () => {
          res.destroy();
          resolve(status);
        });
      },
    );
    upstream.on('timeout', () => upstream.destroy(new Error('origin response timeout')));
    upstream.on('error', (error) => {
      const timedOut = error.message === 'origin response timeout';
      sendCloudFrontError(
        res,
        timedOut ? 504 : 502,
        timedOut
          ? `The origin (${origin.domainName}) did not respond in time.`
          : `CloudFront wasn't able to connect to the origin (${origin.domainName}).`,
        requestId,
      );
      resolve(timedOut ? 504 : 502);
    });
    req.on('error', () => upstream.destroy());
    req.pipe(upstream);
  });
}
