import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { errorResponse, jsonResponse, type ApiResult } from './responses';

export interface ApiConfig {
  /** The AWS region this copy of the API runs in (process.env.AWS_REGION on Lambda). */
  readonly region: string;
}

export type ApiHandler = (event: APIGatewayProxyEventV2) => Promise<ApiResult>;

type Route = (event: APIGatewayProxyEventV2) => Promise<ApiResult> | ApiResult;

/**
 * The Stride API as one Lambda behind an HTTP API (payload format 2.0). The same module runs in
 * both AWS regions and in both local regions; only the injected config differs.
 */
export function createApiHandler(config: ApiConfig): ApiHandler {
  const routes: Record<string, Partial<Record<string, Route>>> = {
    '/api/ping': { GET: () => jsonResponse(200, { status: 'ok', region: config.region }, config.region) },
  };

  return async (event) => {
    const path = event.rawPath;
    const method = event.requestContext.http.method.toUpperCase();
    const methods = routes[path];
    if (!methods) return errorResponse(404, `No API route at ${path}`, config.region);
    const route = methods[method] ?? (method === 'HEAD' ? methods.GET : undefined);
    if (!route) {
      const result = errorResponse(405, `${method} is not allowed on ${path}`, config.region);
      result.headers.allow = Object.keys(methods).join(', ');
      return result;
    }
    try {
      return await route(event);
    } catch (error) {
      // The client gets a request id to quote, never a stack trace.
      console.error(JSON.stringify({ level: 'error', requestId: event.requestContext.requestId, path, error: String(error) }));
      return errorResponse(500, `Internal error (request ${event.requestContext.requestId})`, config.region);
    }
  };
}
