import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { sendCloudFrontError } from './errors';

/** Where an HTTP origin's name resolves right now (through the local Route 53). */
export interface HttpOriginResolver {
  /** The origin's DNS name as the distribution names it (sent as Host). */
  readonly domainName: string;
  resolve(): { readonly host: string; readonly port: number; readonly region: string };
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/** CloudFront's origin response timeout default. */
export const ORIGIN_RESPONSE_TIMEOUT_MS = 30_000;

/**
 * An uncached behavior (CachingDisabled + AllViewer… origin request policy): method, path,
 * query, cookies and body go to the origin; the answer comes back with CloudFront's headers.
 */
export function forwardToHttpOrigin(
  req: IncomingMessage,
  res: ServerResponse,
  origin: HttpOriginResolver,
  requestId: string,
  cfHeaders: Record<string, string>,
  trace: { origin: string | null; region: string | null },
): Promise<number> {
  const target = origin.resolve();
  trace.origin = origin.domainName;
  return new Promise((resolve) => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    }
    headers.host = origin.domainName;
    headers['x-amz-cf-id'] = requestId;
    headers['x-forwarded-for'] = req.socket.remoteAddress ?? '127.0.0.1';
    headers.via = '1.1 local.cloudfront.net (CloudFront)';

    const upstream = httpRequest({ host: target.host, port: target.port, method: req.method, path: req.url, headers, timeout: ORIGIN_RESPONSE_TIMEOUT_MS }, (originRes) => {
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
    });
    upstream.on('timeout', () => upstream.destroy(new Error('origin response timeout')));
    upstream.on('error', (error) => {
      const timedOut = error.message === 'origin response timeout';
      sendCloudFrontError(res, timedOut ? 504 : 502, timedOut ? `The origin (${origin.domainName}) did not respond in time.` : `CloudFront wasn't able to connect to the origin (${origin.domainName}).`, requestId);
      resolve(timedOut ? 504 : 502);
    });
    req.on('error', () => upstream.destroy());
    req.pipe(upstream);
  });
}
