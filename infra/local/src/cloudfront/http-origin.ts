import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { HttpOriginResolver, LocalHttpOrigin, LocalHttpOriginGroup } from './distribution-config';

export type { HttpOriginResolver };
import { sendCloudFrontError } from './errors';
import { isCloudFrontGenerated } from './viewer-facts';

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

/** The methods an origin group fails over for (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/RequestAndResponseBehaviorOriginGroups.html). */
export const FAILOVER_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What the behavior sends to its HTTP origin, per its origin request policy and the origin's custom headers. */
export interface HttpOriginRequestSettings {
  /** null: no origin request policy (only what CloudFront always sends). */
  readonly policy: { readonly headers: readonly string[]; readonly cookies: 'none' | 'all'; readonly queryStrings: 'none' | 'all' } | null;
  /** The CloudFront-* headers the policy names, with this viewer's values. */
  readonly generated: readonly { readonly name: string; readonly value: string }[];
}

type CustomHeaders = Pick<LocalHttpOrigin, 'domainName' | 'customHeaders'>;

/**
 * The headers CloudFront sends to the origin: the viewer headers the origin request policy
 * allow-lists (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/controlling-origin-requests.html),
 * the cookies when it includes them, the CloudFront-* headers it names (generated, never the
 * viewer's), then the origin's custom headers, which overwrite a viewer header of the same name
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/add-origin-custom-headers.html).
 * Host is the origin's own name.
 */
export function originRequestHeaders(
  viewer: IncomingHttpHeaders,
  settings: HttpOriginRequestSettings & { readonly origin: CustomHeaders },
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

/** One viewer request as CloudFront forwards it: read once, so a failover sends the same request again. */
export interface ForwardedRequest {
  readonly method: string;
  /** Path, with the query when the policy forwards query strings. */
  readonly path: string;
  readonly viewerHeaders: IncomingHttpHeaders;
  readonly viewerAddress: string;
  readonly body: Buffer;
  readonly requestId: string;
  readonly settings: HttpOriginRequestSettings;
}

/** What asking one HTTP origin came to, after all its attempts. */
export type OriginOutcome =
  | { readonly kind: 'response'; readonly origin: LocalHttpOrigin; readonly response: IncomingMessage; readonly region: string }
  | { readonly kind: 'connection-failure'; readonly origin: LocalHttpOrigin; readonly reason: string }
  | { readonly kind: 'response-timeout'; readonly origin: LocalHttpOrigin };

/**
 * One try: connect within the connection timeout, then the response's headers within the response
 * timeout. A reused keep-alive connection the origin had already closed is tried again on a new
 * one without counting (CloudFront's own connection pool is not the origin failing).
 */
function attemptOnce(origin: LocalHttpOrigin, request: ForwardedRequest, retriedStaleSocket = false): Promise<OriginOutcome> {
  const target = origin.resolve();
  const headers = originRequestHeaders(request.viewerHeaders, { ...request.settings, origin }, request.requestId, request.viewerAddress);
  if (request.body.length > 0 || 'content-length' in headers) headers['content-length'] = String(request.body.length);
  return new Promise((resolve) => {
    let settled = false;
    let connectTimer: NodeJS.Timeout | undefined;
    let responseTimer: NodeJS.Timeout | undefined;
    let connected = false;
    const settle = (outcome: OriginOutcome | Promise<OriginOutcome>) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(responseTimer);
      resolve(outcome);
    };
    const upstream = httpRequest({ host: target.host, port: target.port, method: request.method, path: request.path, headers });
    const waitForResponse = () => {
      connected = true;
      responseTimer = setTimeout(() => {
        settle({ kind: 'response-timeout', origin });
        upstream.destroy();
      }, origin.timeouts.responseTimeoutMs);
    };
    upstream.on('socket', (socket) => {
      if (!socket.connecting) return waitForResponse();
      connectTimer = setTimeout(() => {
        settle({ kind: 'connection-failure', origin, reason: `no connection within ${origin.timeouts.connectionTimeoutMs} ms` });
        upstream.destroy();
      }, origin.timeouts.connectionTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(connectTimer);
        waitForResponse();
      });
    });
    upstream.on('response', (response) => {
      const header = response.headers['x-stride-region'];
      settle({ kind: 'response', origin, response, region: typeof header === 'string' ? header : target.region });
    });
    upstream.on('error', (error) => {
      if (settled) return;
      if (upstream.reusedSocket && !retriedStaleSocket) return settle(attemptOnce(origin, request, true));
      settle({
        kind: 'connection-failure',
        origin,
        reason: connected ? `the origin closed the connection (${error.message})` : error.message,
      });
    });
    upstream.end(request.body);
  });
}

/**
 * Asks one HTTP origin as CloudFront does: up to `connectionAttempts` tries, each given the
 * connection timeout to connect
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DownloadDistValuesOrigin.html#origin-connection-attempts),
 * and, for a custom origin, tried again after a response timeout as well ("this value also
 * specifies the number of times that CloudFront attempts to get a response from the origin, in the
 * case of an Origin Response Timeout", https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_Origin.html).
 * `onAttempt` hears each try's outcome (the origin-request counters).
 */
export async function askHttpOrigin(
  origin: LocalHttpOrigin,
  request: ForwardedRequest,
  onAttempt: (outcome: OriginOutcome) => void = () => undefined,
): Promise<OriginOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await attemptOnce(origin, request);
    onAttempt(outcome);
    if (outcome.kind === 'response' || attempt >= origin.timeouts.connectionAttempts) return outcome;
  }
}

/** Why an origin group asked its fallback, or null when the primary's outcome stands. */
export function failoverReason(
  group: Pick<LocalHttpOriginGroup, 'failoverStatusCodes'>,
  method: string,
  outcome: OriginOutcome,
): string | null {
  // Other methods never fail over: the primary's answer (or CloudFront's 502/504) is the answer.
  if (!FAILOVER_METHODS.has(method)) return null;
  if (outcome.kind === 'connection-failure') return 'connection failure';
  if (outcome.kind === 'response-timeout') return 'response timeout';
  return group.failoverStatusCodes.has(outcome.response.statusCode ?? 0) ? `status ${outcome.response.statusCode}` : null;
}

/**
 * An origin group of HTTP origins
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/high_availability_origin_failover.html):
 * the primary first; when it cannot be connected to within its attempts, gives no response within
 * the response timeout, or answers one of the group's status codes, and the viewer's method is GET,
 * HEAD or OPTIONS, "CloudFront sends the same request to the secondary origin"
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/RequestAndResponseBehaviorOriginGroups.html)
 * and the secondary's outcome is the viewer's, whatever it is.
 */
export async function askHttpOriginGroup(
  group: LocalHttpOriginGroup,
  request: ForwardedRequest,
  hooks: { onAttempt?: (outcome: OriginOutcome) => void; onFailover?: (reason: string) => void } = {},
): Promise<OriginOutcome> {
  const first = await askHttpOrigin(group.primary, request, hooks.onAttempt);
  const reason = failoverReason(group, request.method, first);
  if (reason === null) return first;
  // The primary's failed answer is dropped unread.
  if (first.kind === 'response') first.response.resume();
  hooks.onFailover?.(reason);
  return askHttpOrigin(group.fallback, request, hooks.onAttempt);
}

/** Reads the viewer's body once (it may be sent to two origins). */
export function readViewerBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Sends an origin's outcome to the viewer: the origin's answer with CloudFront's headers, the body
 * streamed and held to the response timeout between chunks (CloudFront's response timeout is also
 * how long it waits between packets); CloudFront's 502 when no connection was made, 504 when no
 * answer came in time.
 */
export function sendOutcome(
  res: ServerResponse,
  outcome: OriginOutcome,
  requestId: string,
  cfHeaders: Record<string, string>,
): Promise<number> {
  if (outcome.kind === 'connection-failure') {
    sendCloudFrontError(
      res,
      502,
      `CloudFront wasn't able to connect to the origin (${outcome.origin.domainName}): ${outcome.reason}.`,
      requestId,
    );
    return Promise.resolve(502);
  }
  if (outcome.kind === 'response-timeout') {
    sendCloudFrontError(res, 504, `The origin (${outcome.origin.domainName}) did not respond in time.`, requestId);
    return Promise.resolve(504);
  }
  const originRes = outcome.response;
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(originRes.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  const status = originRes.statusCode ?? 502;
  res.writeHead(status, { ...out, ...cfHeaders });
  return new Promise((resolve) => {
    let idle: NodeJS.Timeout | undefined;
    const stall = () => {
      clearTimeout(idle);
      idle = setTimeout(() => originRes.destroy(new Error('origin response timeout')), outcome.origin.timeouts.responseTimeoutMs);
    };
    stall();
    originRes.on('data', stall);
    originRes.pipe(res);
    originRes.on('end', () => {
      clearTimeout(idle);
      resolve(status);
    });
    originRes.on('error', () => {
      clearTimeout(idle);
      res.destroy();
      resolve(status);
    });
    // The viewer went away (or the stall above cut the body): nothing more to wait for.
    res.on('close', () => {
      clearTimeout(idle);
      if (!originRes.complete) originRes.destroy();
      resolve(status);
    });
  });
}
