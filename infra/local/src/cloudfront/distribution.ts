import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { BucketOrigin } from './bucket-origin';
import { type EdgeFunction } from './edge-function';
import { isForwardedRequest, isGeneratedResponse, toCloudFrontRequest, toNodeHeaders, viewerRequestEvent } from './edge-event';
import { sendCloudFrontError } from './errors';

export interface HttpOrigin {
  /** The origin's DNS name as the distribution names it (sent as Host). */
  readonly domainName: string;
  readonly host: string;
  readonly port: number;
}

export interface DistributionOptions {
  /** Default behavior: viewer-request function, then the site bucket. */
  readonly viewerRequest: EdgeFunction;
  readonly siteBucket: BucketOrigin;
  /** `/api/*` behavior: straight to the API origin, never cached, no edge function. */
  readonly apiOrigin: HttpOrigin;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);
const STATIC_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const newRequestId = (): string => randomBytes(42).toString('base64url').slice(0, 56);

function cloudFrontHeaders(requestId: string, cache: 'Miss' | 'Hit' | 'LambdaGeneratedResponse'): Record<string, string> {
  return {
    via: '1.1 local.cloudfront.net (CloudFront)',
    'x-cache': `${cache} from cloudfront`,
    'x-amz-cf-pop': 'LOCAL1-P1',
    'x-amz-cf-id': requestId,
  };
}

/** A local CloudFront distribution: path-pattern behaviors, Lambda@Edge viewer-request, origins. */
export function createDistribution(options: DistributionOptions): Server {
  return createServer((req, res) => {
    const requestId = newRequestId();
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handle = path === '/api' || path.startsWith('/api/') ? forwardToApi(req, res, options.apiOrigin, requestId) : serveSite(req, res, options, requestId);
    handle.catch((error: unknown) => {
      console.error('local CloudFront: unexpected failure', error);
      sendCloudFrontError(res, 502, 'The local CloudFront failed while handling this request.', requestId);
    });
  });
}

async function serveSite(req: IncomingMessage, res: ServerResponse, options: DistributionOptions, requestId: string): Promise<void> {
  const method = req.method ?? 'GET';
  if (!STATIC_METHODS.has(method)) {
    sendCloudFrontError(res, 403, 'This distribution is not configured to allow the HTTP request method that was used for this request.', requestId);
    return;
  }
  const viewerRequest = toCloudFrontRequest({ method, url: req.url ?? '/', rawHeaders: req.rawHeaders, clientIp: req.socket.remoteAddress ?? '127.0.0.1' });

  let result: unknown;
  try {
    result = await options.viewerRequest.invoke(viewerRequestEvent(viewerRequest, requestId));
  } catch (error) {
    console.error(`local CloudFront: ${options.viewerRequest.name} failed`, error);
    sendCloudFrontError(res, 502, 'The Lambda function associated with the CloudFront distribution is invalid or doesn\'t have the required permissions.', requestId);
    return;
  }

  if (isGeneratedResponse(result)) {
    res.writeHead(Number(result.status), { ...toNodeHeaders(result.headers), ...cloudFrontHeaders(requestId, 'LambdaGeneratedResponse') });
    res.end(result.body === undefined ? undefined : Buffer.from(result.body, result.bodyEncoding === 'base64' ? 'base64' : 'utf8'));
    return;
  }
  if (!isForwardedRequest(result)) {
    sendCloudFrontError(res, 502, 'The Lambda function returned an invalid request or response to CloudFront.', requestId);
    return;
  }

  const object = await options.siteBucket.get(result.uri);
  if (!object) {
    res.writeHead(404, { 'content-type': 'application/xml', ...cloudFrontHeaders(requestId, 'Miss') });
    res.end(method === 'HEAD' ? undefined : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${result.uri.slice(1).replace(/[<>&]/g, '')}</Key></Error>`);
    return;
  }
  const headers = {
    'content-type': object.contentType,
    etag: object.etag,
    'last-modified': object.lastModified.toUTCString(),
    ...cloudFrontHeaders(requestId, 'Miss'),
  };
  if (req.headers['if-none-match'] === object.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'content-length': String(object.body.length) });
  res.end(method === 'HEAD' ? undefined : object.body);
}

function forwardToApi(req: IncomingMessage, res: ServerResponse, origin: HttpOrigin, requestId: string): Promise<void> {
  return new Promise((resolve) => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    }
    headers.host = origin.domainName;
    headers['x-amz-cf-id'] = requestId;
    headers['x-forwarded-for'] = req.socket.remoteAddress ?? '127.0.0.1';

    const upstream = httpRequest({ host: origin.host, port: origin.port, method: req.method, path: req.url, headers }, (originRes) => {
      const out: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(originRes.headers)) {
        if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
      }
      res.writeHead(originRes.statusCode ?? 502, { ...out, ...cloudFrontHeaders(requestId, 'Miss') });
      originRes.pipe(res);
      originRes.on('end', resolve);
      originRes.on('error', () => {
        res.destroy();
        resolve();
      });
    });
    upstream.on('error', () => {
      sendCloudFrontError(res, 502, `CloudFront wasn't able to connect to the origin (${origin.domainName}).`, requestId);
      resolve();
    });
    req.pipe(upstream);
  });
}
