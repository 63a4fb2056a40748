import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { unpinApiPath } from '@stride/contract/region-routing';
import { createApiContext, type ApiConfig, type ApiContext } from './context';
import { errorResponse, jsonResponse, RequestError, type ApiResult } from './responses';
import { continueWatching, getProgress, postView, putProgress } from './routes/activity';
import { login, logout, me, signOutEverywhere } from './routes/auth';
import { approveDevice, authorizeDevice, deviceToken } from './routes/device';
import { playback } from './routes/playback';
import { signup } from './routes/signup';
import { clearHintOnUnauthorized } from './signed-in-hint';

export type { ApiConfig } from './context';
export type ApiHandler = (event: APIGatewayProxyEventV2) => Promise<ApiResult>;

type Route = (ctx: ApiContext, event: APIGatewayProxyEventV2, param: string) => Promise<ApiResult> | ApiResult;

interface RouteEntry {
  readonly pattern: RegExp;
  readonly methods: Partial<Record<string, Route>>;
  /** Its 401 judges the credentials sent, not the session: it leaves the signed-in hint alone. */
  readonly checksCredentials?: true;
}

const routes: RouteEntry[] = [
  { pattern: /^\/api\/ping$/, methods: { GET: (ctx) => jsonResponse(200, { status: 'ok', region: ctx.region }, ctx.region) } },
  { pattern: /^\/api\/auth\/login$/, methods: { POST: login }, checksCredentials: true },
  { pattern: /^\/api\/auth\/logout$/, methods: { POST: logout } },
  { pattern: /^\/api\/auth\/signup$/, methods: { POST: signup } },
  { pattern: /^\/api\/auth\/sign-out-everywhere$/, methods: { POST: signOutEverywhere } },
  { pattern: /^\/api\/device\/authorize$/, methods: { POST: authorizeDevice } },
  { pattern: /^\/api\/device\/approve$/, methods: { POST: approveDevice } },
  { pattern: /^\/api\/device\/token$/, methods: { POST: deviceToken } },
  { pattern: /^\/api\/me$/, methods: { GET: me } },
  { pattern: /^\/api\/playback\/([^/]+)$/, methods: { GET: playback } },
  { pattern: /^\/api\/progress$/, methods: { GET: continueWatching } },
  { pattern: /^\/api\/progress\/([^/]+)$/, methods: { GET: getProgress, PUT: putProgress } },
  { pattern: /^\/api\/views$/, methods: { POST: postView } },
];

/**
 * The Stride API as one Lambda behind an HTTP API (payload format 2.0). The same module runs in
 * both AWS regions and in both local regions; only the injected config differs.
 */
export async function createApiHandler(config: ApiConfig): Promise<ApiHandler> {
  const ctx = await createApiContext(config);
  return async (event) => {
    // `/api/region/<role>/…` is CloudFront's region-pinned path for the same route.
    const path = unpinApiPath(event.rawPath).path;
    const method = event.requestContext.http.method.toUpperCase();
    // Only CloudFront's requests are served: around it, anyone could claim any country.
    if (!(await ctx.originGuard.admits(event))) {
      return jsonResponse(
        403,
        {
          error: 'The API answers only requests that come through the site; this one reached the region directly',
          reason: 'direct-origin',
        },
        ctx.region,
      );
    }
    let match: RegExpExecArray | null = null;
    const entry = routes.find((r) => (match = r.pattern.exec(path)) !== null);
    if (!entry || !match) return errorResponse(404, `No API route at ${path.slice(0, 200)}`, ctx.region);
    const route = entry.methods[method] ?? (method === 'HEAD' ? entry.methods.GET : undefined);
    if (!route) {
      const result = errorResponse(405, `${method} is not allowed on ${path}`, ctx.region);
      result.headers.allow = Object.keys(entry.methods).join(', ');
      return result;
    }
    let param = '';
    try {
      param = decodeURIComponent((match as RegExpExecArray)[1] ?? '');
    } catch {
      return errorResponse(400, 'The path is not valid percent-encoding', ctx.region);
    }
    let result: ApiResult;
    try {
      result = await route(ctx, event, param);
    } catch (error) {
      if (error instanceof RequestError) {
        result = errorResponse(error.statusCode, error.message, ctx.region);
      } else {
        // The client gets a request id to quote, never a stack trace.
        console.error(
          JSON.stringify({ level: 'error', region: ctx.region, requestId: event.requestContext.requestId, path, error: String(error) }),
        );
        return errorResponse(500, `Internal error (request ${event.requestContext.requestId})`, ctx.region);
      }
    }
    return entry.checksCredentials ? result : clearHintOnUnauthorized(event, result, ctx.secureCookies);
  };
}
